import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router';
import { App, type ButtonProps } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Closing an editor with unsaved edits asks first: `guard(dirty, close)` closes at once when nothing
 * changed, else after 放弃修改 in a confirmation.
 */
export function useConfirmDiscard(): (dirty: boolean, close: () => void) => void {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  return (dirty, close) => {
    if (!dirty) return close();
    modal.confirm({
      title: t('unsaved.discardTitle'),
      content: t('unsaved.discardContent'),
      okText: t('unsaved.discard'),
      okButtonProps: { danger: true, 'data-testid': 'discard-confirm' } as ButtonProps,
      cancelText: t('unsaved.keepEditing'),
      onOk: close,
    });
  };
}

/**
 * Leaving the page (a link, the menu, back, reload or closing the tab) while `dirty` warns with `content`
 * (what would be lost); staying keeps the edits.
 */
export function useLeaveGuard(dirty: boolean, content: string): void {
  const { modal } = App.useApp();
  const { t } = useTranslation();
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname,
  );

  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked') {
      asking.current = false;
      return;
    }
    if (asking.current) return; // one confirmation per blocked navigation
    asking.current = true;
    modal.confirm({
      title: t('unsaved.leaveTitle'),
      content,
      okText: t('unsaved.leave'),
      okButtonProps: { danger: true, 'data-testid': 'leave-confirm' } as ButtonProps,
      cancelText: t('unsaved.stay'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t, content]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
}
