import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/dates/styles.css';
import { Combobox, MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client';
import { App } from './App';

/** Client errors (4xx) will not change on retry; network and server errors get one more try. */
const retry = (failureCount: number, error: unknown) => !(error instanceof ApiError && error.status < 500) && failureCount < 1;

const queryClient: QueryClient = new QueryClient({
  defaultOptions: { queries: { retry, refetchOnWindowFocus: true } },
  queryCache: new QueryCache({
    // The session ended (signed out elsewhere, expired): back to the sign-in form.
    onError: (error, query) => {
      if (error instanceof ApiError && error.status === 401 && query.queryKey[0] !== 'me') queryClient.setQueryData(['me'], null);
    },
  }),
});

/**
 * Combobox dropdowns (Select…) are unmounted while closed: Mantine 9 keeps them mounted and hidden by
 * default, and a hidden listbox labelled by the field's label makes "the field labelled Stage" ambiguous
 * for assistive tech and for browser tests alike.
 */
const theme = createTheme({
  components: { Combobox: Combobox.extend({ defaultProps: { keepMounted: false } }) },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        {/* URL updates apply at once: the queue's filters are controlled inputs bound to the URL. */}
        <BrowserRouter useTransitions={false}>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
