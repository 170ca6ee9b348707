import { useState } from 'react';
import { Affix, App, Button, Flex, Form, Modal, Tooltip, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import type { ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ApplicationListItem } from '../../../../shared/src/contracts/applications';
import { ruleFor } from '../../../../shared/src/domain/application-workflow';
import { DOSSIER_ZIP_MAX } from '../../../../shared/src/contracts/dossier-zip';
import { batchReq, downloadDossiers, INTAKE } from '../../api/intake';
import { CAMPAIGNS } from '../../api/campaigns';
import { useCampaignError } from '../campaigns/useCampaignError';
import { ReasonItem } from './ReasonItem';

/** Whether the committee can accept (and so return) this row from the queue: the transition table says. */
export const batchable = (a: ApplicationListItem) => !!ruleFor('accept', a.status);

interface Props {
  /** The selected rows (kept across pages), in the order they were picked. */
  selected: ApplicationListItem[];
  onClear: () => void;
  phone: boolean;
}

/**
 * The bar under the queue once rows are ticked: 下载申报材料 (one .zip of the ticked applications' dossiers
 * and evidence, any status), 批量受理 and 批量退回 (one reason for all; only when every ticked row is
 * 已推荐). Accept and return say what will happen before they act; the server does all or nothing and
 * names any item that cannot move.
 */
export function IntakeBatchBar({ selected, onClear, phone }: Props) {
  const { t } = useTranslation('intake');
  const { modal, message } = App.useApp();
  const onError = useCampaignError();
  const qc = useQueryClient();
  const [returning, setReturning] = useState(false);
  const [downloading, setDownloading] = useState(false);
  const n = selected.length;
  if (!n) return null;
  const items = selected.map((a) => ({ id: a.id, version: a.version }));
  const movable = selected.every(batchable);
  const tooMany = n > DOSSIER_ZIP_MAX;

  const download = async () => {
    setDownloading(true);
    try {
      const name = await downloadDossiers(
        selected.map((a) => a.id),
        t('batch.zipName'),
      );
      message.success(t('batch.downloaded', { name }));
    } catch (e) {
      onError(e);
    } finally {
      setDownloading(false);
    }
  };

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: INTAKE });
    await qc.invalidateQueries({ queryKey: [...CAMPAIGNS, 'dashboard'] });
  };

  const accept = () =>
    modal.confirm({
      title: t('batch.acceptTitle', { n }),
      content: (
        <Flex vertical gap={8}>
          <Typography.Text>{t('batch.acceptText')}</Typography.Text>
          <Names items={selected} />
        </Flex>
      ),
      okText: t('batch.accept', { n }),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'intake-batch-accept-ok' } as ButtonProps,
      onOk: async () => {
        try {
          await batchReq({ action: 'accept', items });
          message.success(t('batch.accepted', { n }));
          onClear();
        } catch (e) {
          onError(e);
        } finally {
          await refresh();
        }
      },
    });

  return (
    <Affix offsetBottom={0}>
      <Flex
        justify="space-between"
        align="center"
        wrap
        gap={8}
        style={{
          marginTop: 12,
          padding: phone ? 8 : '10px 16px',
          background: 'var(--ant-color-bg-container, #fff)',
          border: '1px solid var(--ant-color-border-secondary, #f0f0f0)',
          borderRadius: 8,
          boxShadow: '0 -2px 8px rgba(0,0,0,0.06)',
        }}
        data-testid="intake-batch-bar"
      >
        <Typography.Text>
          {t('batch.selected', { n })}{' '}
          <Typography.Link onClick={onClear} data-testid="intake-batch-clear">
            {t('batch.clear')}
          </Typography.Link>
        </Typography.Text>
        <Flex gap={8} wrap>
          <Tooltip title={tooMany ? t('batch.downloadTooMany', { max: DOSSIER_ZIP_MAX }) : undefined}>
            <Button
              icon={<DownloadOutlined />}
              onClick={() => void download()}
              loading={downloading}
              disabled={tooMany}
              data-testid="intake-batch-download"
            >
              {t('batch.download')}
            </Button>
          </Tooltip>
          <Tooltip title={movable ? undefined : t('batch.notMovable')}>
            <Button
              danger
              disabled={!movable}
              onClick={() => setReturning(true)}
              data-testid="intake-batch-return"
            >
              {t('batch.return')}
            </Button>
          </Tooltip>
          <Tooltip title={movable ? undefined : t('batch.notMovable')}>
            <Button type="primary" disabled={!movable} onClick={accept} data-testid="intake-batch-accept">
              {t('batch.accept', { n })}
            </Button>
          </Tooltip>
        </Flex>
      </Flex>
      <BatchReturnModal
        open={returning}
        selected={selected}
        onClose={() => setReturning(false)}
        onDone={async () => {
          setReturning(false);
          message.success(t('batch.returned', { n }));
          onClear();
          await refresh();
        }}
        onFailed={refresh}
      />
    </Affix>
  );
}

/** The subjects a batch is about: up to eight by name, then how many more. */
function Names({ items }: { items: ApplicationListItem[] }) {
  const { t } = useTranslation('intake');
  const shown = items.slice(0, 8);
  return (
    <ul style={{ paddingInlineStart: 18, margin: 0 }} data-testid="intake-batch-names">
      {shown.map((a) => (
        <li key={a.id}>
          {a.orgName}
          {a.brandName ? `（${a.brandName}）` : ''}
        </li>
      ))}
      {items.length > shown.length ? <li>{t('batch.more', { n: items.length - shown.length })}</li> : null}
    </ul>
  );
}

interface ReturnProps {
  open: boolean;
  selected: ApplicationListItem[];
  onClose: () => void;
  onDone: () => Promise<void>;
  onFailed: () => Promise<void>;
}

/** One reason for every selected application; each applicant sees it on its own application. */
function BatchReturnModal({ open, selected, onClose, onDone, onFailed }: ReturnProps) {
  const { t } = useTranslation('intake');
  const onError = useCampaignError();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const n = selected.length;

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await batchReq({
        action: 'return',
        reason: v.reason.trim(),
        items: selected.map((a) => ({ id: a.id, version: a.version })),
      });
      form.resetFields();
      await onDone();
    } catch (e) {
      onError(e, { form, roots: ['reason'] });
      await onFailed();
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('batch.returnTitle', { n })}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('batch.returnOk', { n })}
      okButtonProps={{ danger: true, 'data-testid': 'intake-batch-return-ok' } as ButtonProps}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      destroyOnHidden
    >
      <Flex vertical gap={12} style={{ marginTop: 12 }}>
        <Typography.Text>{t('batch.returnText')}</Typography.Text>
        <Names items={selected} />
        <Form form={form} layout="vertical">
          <ReasonItem rows={4} placeholder={t('batch.returnPlaceholder')} testId="intake-batch-reason" />
        </Form>
      </Flex>
    </Modal>
  );
}
