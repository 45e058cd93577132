/** Routes. Public pages work signed out; everything else needs a session (the sign-in form is at `/`). */
import { Center, Loader } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { Route, Routes } from 'react-router';
import { ForgotPasswordPage } from './auth/ForgotPasswordPage';
import { InvitePage } from './auth/InvitePage';
import { ResetPasswordPage } from './auth/ResetPasswordPage';
import { SignInPage } from './auth/SignInPage';
import { AppLayout } from './layout/AppLayout';
import { LeadPage } from './lead/LeadPage';
import { QueuePage } from './queue/QueuePage';
import { ReviewPage } from './review/ReviewPage';
import { SessionProvider, useMeQuery } from './session';
import { SettingsPage } from './settings/SettingsPage';
import { TeamPage } from './team/TeamPage';

/** The calendar (react-big-calendar) loads only when opened, keeping it out of the main bundle. */
const CalendarPage = lazy(() => import('./calendar/CalendarPage').then((m) => ({ default: m.CalendarPage })));

export function App() {
  return (
    <Routes>
      <Route path="/invite/:token" element={<InvitePage />} />
      <Route path="/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/reset-password" element={<ResetPasswordPage />} />
      <Route path="*" element={<SignedIn />} />
    </Routes>
  );
}

function SignedIn() {
  const me = useMeQuery();
  if (me.isPending) return <Center h="100vh"><Loader aria-label="Loading" /></Center>;
  if (!me.data) return <SignInPage />;
  return (
    <SessionProvider me={me.data}>
      <AppLayout>
        <Routes>
          <Route path="/" element={<QueuePage />} />
          <Route path="/leads/:id" element={<LeadPage />} />
          <Route
            path="/calendar"
            element={
              <Suspense fallback={<Loader aria-label="Loading the calendar" />}>
                <CalendarPage />
              </Suspense>
            }
          />
          <Route path="/review" element={<ReviewPage />} />
          <Route path="/settings/*" element={<SettingsPage />} />
          <Route path="/team" element={<TeamPage />} />
        </Routes>
      </AppLayout>
    </SessionProvider>
  );
}
