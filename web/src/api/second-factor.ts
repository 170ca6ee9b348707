/** The second factor (TOTP and recovery codes) and four-eyes requests: docs/SECURITY.md, AUTH-06/07. */
import { useQuery } from '@tanstack/react-query';
import type { Me } from '../../../shared/src/contracts/auth';
import type {
  Enrolment,
  RecoveryCodes,
  SecondFactorStatus,
} from '../../../shared/src/contracts/second-factor';
import type {
  PrivilegedDecision,
  PrivilegedKind,
  PrivilegedRequest,
  PrivilegedState,
} from '../../../shared/src/contracts/privileged-requests';
import { api } from './client';
import type { Role } from '../../../shared/src/enums';

export const SECOND_FACTOR_KEY = ['second-factor'] as const;

export function useSecondFactorStatus() {
  return useQuery({
    queryKey: SECOND_FACTOR_KEY,
    queryFn: () => api.get<SecondFactorStatus>('/api/auth/second-factor'),
  });
}

export function verifySecondFactor(body: {
  code?: string;
  recoveryCode?: string;
  rememberDevice: boolean;
}): Promise<Me> {
  return api.post<Me>('/api/auth/second-factor/verify', body);
}

/** The QR code and seed of the enrolment waiting for its first code (the same until confirmed). */
export function useEnrolment(enabled: boolean) {
  return useQuery({
    queryKey: [...SECOND_FACTOR_KEY, 'enrolment'],
    queryFn: () => api.get<Enrolment>('/api/auth/second-factor/enrolment'),
    enabled,
    staleTime: Infinity,
    gcTime: 0,
    retry: false,
  });
}

export function confirmEnrolment(code: string): Promise<RecoveryCodes> {
  return api.post<RecoveryCodes>('/api/auth/second-factor/enrolment', { code });
}

export function regenerateRecoveryCodes(password: string): Promise<RecoveryCodes> {
  return api.post<RecoveryCodes>('/api/auth/second-factor/recovery-codes', { password });
}

export function disableSecondFactor(password: string): Promise<{ ok: true }> {
  return api.post<{ ok: true }>('/api/auth/second-factor/disable', { password });
}

export const PRIVILEGED_KEY = ['privileged-requests'] as const;

export function usePrivilegedRequests(state: PrivilegedState | undefined, enabled = true) {
  return useQuery({
    queryKey: [...PRIVILEGED_KEY, state ?? 'all'],
    queryFn: () =>
      api.get<{ items: PrivilegedRequest[] }>(`/api/privileged-requests${state ? `?state=${state}` : ''}`),
    enabled,
  });
}

/** Asks for a four-eyes action (`account_create` carries the new account, `role_grant` the role). */
export function requestPrivileged(body: {
  kind: PrivilegedKind;
  targetUserId?: string;
  reason: string;
  role?: Role;
  organizationId?: string | null;
  username?: string;
  displayName?: string;
  email?: string | null;
}): Promise<PrivilegedRequest> {
  return api.post<PrivilegedRequest>('/api/privileged-requests', body);
}

/** A decision; an approved password reset answers its one-time password, to be shown once. */
export function decidePrivileged(id: string, decision: 'approve' | 'reject'): Promise<PrivilegedDecision> {
  return api.post<PrivilegedDecision>(`/api/privileged-requests/${id}/${decision}`);
}
