/**
 * The settings each field-service provider needs, as the "Field service" tab asks for them. Keys match
 * the server's config and credential fields (src/integrations/fsm/fsm-config.ts): a server validation
 * problem at `config.<key>` or `credentials.<key>` shows next to its input.
 */
import type { FsmProvider } from '../../api/types';

export interface ProviderField {
  key: string;
  label: string;
  description?: string;
  required?: boolean;
}

export interface ProviderForm {
  label: string;
  /** What gets created there. */
  creates: string;
  config: readonly ProviderField[];
  credentials: readonly ProviderField[];
}

const apiBaseUrl = (host: string): ProviderField => ({ key: 'apiBaseUrl', label: 'API base URL', description: `Leave empty for ${host}; set it for a sandbox or test server.` });

export const PROVIDER_FORMS: Record<FsmProvider, ProviderForm> = {
  servicetitan: {
    label: 'ServiceTitan',
    creates: 'a booking in your booking provider queue (a CSR accepts it into a job)',
    config: [
      { key: 'tenantId', label: 'Tenant ID', required: true },
      { key: 'bookingProviderId', label: 'Booking provider ID', description: 'Settings › Integrations › Booking provider tags in ServiceTitan', required: true },
      { key: 'campaignId', label: 'Campaign ID', description: 'Campaign of every booking (optional)' },
      { key: 'businessUnitId', label: 'Business unit ID' },
      { key: 'jobTypeId', label: 'Job type ID' },
      apiBaseUrl('https://api.servicetitan.io'),
      { key: 'authBaseUrl', label: 'Auth base URL', description: 'Leave empty for https://auth.servicetitan.io.' },
    ],
    credentials: [
      { key: 'clientId', label: 'Client ID', required: true },
      { key: 'clientSecret', label: 'Client secret', required: true },
      { key: 'appKey', label: 'App key (ST-App-Key)', required: true },
    ],
  },
  housecall_pro: {
    label: 'Housecall Pro',
    creates: 'a lead with the customer, address and a note',
    config: [{ key: 'leadSource', label: 'Lead source', description: "Used when the number called has no lead source of its own (default 'Ringback')." }, apiBaseUrl('https://api.housecallpro.com')],
    credentials: [{ key: 'apiKey', label: 'API key', description: 'App store › API › Generate API key (MAX plan)', required: true }],
  },
  jobber: {
    label: 'Jobber',
    creates: 'a client, its property and a request',
    config: [{ key: 'graphqlVersion', label: 'API version', description: 'Leave empty for the version Ringback was tested with.' }, apiBaseUrl('https://api.getjobber.com')],
    credentials: [
      { key: 'clientId', label: 'App client ID', required: true },
      { key: 'clientSecret', label: 'App client secret', required: true },
      { key: 'accessToken', label: 'Access token', required: true },
      { key: 'refreshToken', label: 'Refresh token', description: 'Ringback refreshes and stores new tokens itself.', required: true },
    ],
  },
};
