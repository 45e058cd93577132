/**
 * `/settings/*`: one tab per area, the tab chosen by the sub-path (`/settings/routing`). Needs
 * `settings:read`; API keys need `api_keys:manage` and the audit log `audit:read`. Without
 * `settings:write` every form is read-only.
 */
import { Alert, Center, Loader, Stack, Tabs, Title } from '@mantine/core';
import { useEffect, useRef, type ComponentType } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useSession } from '../session';
import { summarizeError } from './problem-details';
import { ApiKeysTab } from './tabs/ApiKeysTab';
import { AuditLogTab } from './tabs/AuditLogTab';
import { BookingTab } from './tabs/BookingTab';
import { CadencesTab } from './tabs/CadencesTab';
import { CalendarFeedsTab } from './tabs/CalendarFeedsTab';
import { FaqTab } from './tabs/FaqTab';
import { FieldServiceTab } from './tabs/FieldServiceTab';
import { NumbersTab } from './tabs/NumbersTab';
import { OnCallTab } from './tabs/OnCallTab';
import { ProfileTab } from './tabs/ProfileTab';
import { RoutingTab } from './tabs/RoutingTab';
import { ServiceAreaTab } from './tabs/ServiceAreaTab';
import { TemplatesTab } from './tabs/TemplatesTab';
import { WebhooksTab } from './tabs/WebhooksTab';
import type { SettingsResponse } from './types';
import { useSettingsQuery } from './use-settings';

export interface SettingsTabProps {
  settings: SettingsResponse;
}

interface SettingsTab {
  /** The sub-path, e.g. `on-call` for `/settings/on-call`. */
  path: string;
  label: string;
  /** Needed on top of `settings:read`. */
  permission?: string;
  Component: ComponentType<SettingsTabProps>;
}

const TABS: readonly SettingsTab[] = [
  { path: 'profile', label: 'Profile & hours', Component: ProfileTab },
  { path: 'numbers', label: 'Numbers', Component: NumbersTab },
  { path: 'templates', label: 'Templates', Component: TemplatesTab },
  { path: 'cadences', label: 'Cadences', Component: CadencesTab },
  { path: 'booking', label: 'Booking', Component: BookingTab },
  { path: 'calendar-feeds', label: 'Calendar feeds', permission: 'calendar_feeds:manage', Component: CalendarFeedsTab },
  { path: 'routing', label: 'Routing', Component: RoutingTab },
  { path: 'on-call', label: 'On-call', Component: OnCallTab },
  { path: 'service-area', label: 'Service area', Component: ServiceAreaTab },
  { path: 'faq', label: 'FAQ', Component: FaqTab },
  { path: 'field-service', label: 'Field service', Component: FieldServiceTab },
  { path: 'api-keys', label: 'API keys', permission: 'api_keys:manage', Component: ApiKeysTab },
  { path: 'webhooks', label: 'Webhooks', permission: 'webhooks:manage', Component: WebhooksTab },
  { path: 'audit', label: 'Audit log', permission: 'audit:read', Component: AuditLogTab },
];

export function SettingsPage() {
  const { can } = useSession();
  if (!can('settings:read')) return <Alert color="red">You don't have access to settings</Alert>;
  return <SettingsTabs />;
}

function SettingsTabs() {
  const { can } = useSession();
  const navigate = useNavigate();
  const subPath = (useParams()['*'] ?? '').split('/')[0] ?? '';
  const settings = useSettingsQuery();
  const tabs = TABS.filter((t) => !t.permission || can(t.permission));
  const active = tabs.find((t) => t.path === subPath) ?? tabs[0]!;
  const tabList = useRef<HTMLDivElement>(null);
  // On a phone the tab list scrolls sideways: keep the open tab in view (e.g. after opening /settings/faq).
  useEffect(() => {
    tabList.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [active.path]);

  return (
    <Stack>
      <Title order={2}>Settings</Title>
      <Tabs
        value={active.path}
        onChange={(value) => value && navigate(`/settings/${value}`)}
        keepMounted={false}
        styles={{
          list: { flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden', scrollbarWidth: 'thin' },
          tab: { flexShrink: 0, whiteSpace: 'nowrap' },
        }}
      >
        <Tabs.List ref={tabList} aria-label="Settings sections">
          {tabs.map((t) => (
            <Tabs.Tab key={t.path} value={t.path}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {tabs.map((t) => (
          <Tabs.Panel key={t.path} value={t.path} pt="md">
            {settings.data ? (
              <t.Component settings={settings.data} />
            ) : settings.isError ? (
              <Alert color="red" title="Settings could not be loaded">
                {summarizeError(settings.error)?.message}
              </Alert>
            ) : (
              <Center py="xl">
                <Loader aria-label="Loading settings" />
              </Center>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
