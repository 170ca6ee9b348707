import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Account, createAccount, patchAccount } from '../../../shared/src/contracts/accounts';
import type { Role } from '../../../shared/src/enums';
import { api } from './client';
import type { Page } from './organizations';

export interface AccountFilters {
  q?: string;
  role?: Role;
  disabled?: 'true' | 'false';
  state?: 'locked' | 'must_change_password';
  page?: number;
  pageSize?: number;
  sort?: string;
}

export interface OneTimePassword {
  account: Account;
  oneTimePassword: string;
}

export const ACCOUNTS = ['accounts'] as const;

export function useAccounts(f: AccountFilters) {
  return useQuery({
    queryKey: [...ACCOUNTS, 'list', f],
    queryFn: ({ signal }) => api.get<Page<Account>>('/api/accounts', { ...f }, signal),
    placeholderData: keepPreviousData,
  });
}

export type CreateAccount = z.input<typeof createAccount>;
export type PatchAccount = z.input<typeof patchAccount>;

export const createAccountReq = (body: CreateAccount) => api.post<OneTimePassword>('/api/accounts', body);
export const patchAccountReq = (id: string, body: PatchAccount) =>
  api.patch<Account>(`/api/accounts/${id}`, body);
export const resetPasswordReq = (a: Account) =>
  api.post<OneTimePassword>(`/api/accounts/${a.id}/reset-password`, { version: a.version });
export const unlockReq = (a: Account) =>
  api.post<Account>(`/api/accounts/${a.id}/unlock`, { version: a.version });
