import { Link, Navigate, Outlet, useLocation } from 'react-router';
import { LockOutlined } from '@ant-design/icons';
import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Action } from '../../../shared/src/domain/permissions';
import { isSigningOut, SessionContext, useMe, useSession } from '../api/auth';
import { FullPageSpin } from './fallbacks';
import { gatePath } from '../lib/redirect';
import { BRAND_RED } from './theme';

/**
 * Pages under this gate have a session; a login held at a gate (the second factor's code, a forced
 * password change, a required enrolment) sees that gate's page before anything else.
 */
export function RequireSession() {
  const { data: me, isPending, isError, refetch } = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (isPending) return <FullPageSpin />;
  if (isError)
    return (
      <Result
        status="warning"
        title={t('errors.sessionUnavailable')}
        extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  if (!me) {
    if (isSigningOut()) return <FullPageSpin />;
    const next = location.pathname + location.search;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  const gate = gatePath(me.user);
  if (gate && location.pathname !== gate) return <Navigate to={gate} replace />;
  return (
    <SessionContext value={me}>
      <Outlet />
    </SessionContext>
  );
}

/** A page the user has no ability for answers a 403 result (the menu does not offer it either). */
export function RequireAbility({ ability }: { ability: Action }) {
  const me = useSession();
  if (!me.abilities.includes(ability)) return <Forbidden />;
  return <Outlet />;
}

export function Forbidden() {
  const { t } = useTranslation();
  return (
    <Result
      icon={<LockOutlined style={{ color: BRAND_RED }} />}
      title={t('errors.forbiddenTitle')}
      subTitle={t('errors.forbiddenPage')}
      extra={
        <Link to="/">
          <Button>{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
