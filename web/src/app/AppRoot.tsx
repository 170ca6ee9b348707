import { Suspense, useEffect } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { useTranslation } from 'react-i18next';
import { onAuthProblem } from '../api/client';
import { ME_KEY } from '../api/auth';
import { FullPageSpin } from './fallbacks';
import { createQueryClient } from './query';
import { router } from './router';
import { theme } from './theme';

const queryClient = createQueryClient();

/** 401 → the login page (the session gate redirects when `me` is null); password gate → its page. */
function useAuthRedirects(): void {
  useEffect(
    () =>
      onAuthProblem((problem) => {
        if (problem === 'unauthenticated') {
          queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
          queryClient.setQueryData(ME_KEY, null);
        } else if (problem === 'second_factor') {
          // The session gate (RequireSession) shows the code or enrolment page once `me` says which.
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
        } else {
          void queryClient.invalidateQueries({ queryKey: ME_KEY });
          if (router.state.location.pathname !== '/change-password') void router.navigate('/change-password');
        }
      }),
    [],
  );
}

export function AppRoot() {
  const { i18n } = useTranslation();
  useAuthRedirects();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={theme}>
      <AntApp style={{ height: '100%' }}>
        <QueryClientProvider client={queryClient}>
          <Suspense fallback={<FullPageSpin />}>
            <RouterProvider router={router} />
          </Suspense>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
