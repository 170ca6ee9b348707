import { useState } from 'react';
import { Alert, Button, Flex, Form, InputNumber, List, Modal, Result, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PublicityDetail } from '../../../../shared/src/contracts/publicity';
import type { CertifyResult } from '../../../../shared/src/contracts/titles';
import { DEFAULT_TITLE_VALIDITY_YEARS } from '../../../../shared/src/domain/title-workflow';
import { PUBLICITY } from '../../api/publicity';
import { certifyReq, TITLES, useTitles, useTitleSettings } from '../../api/titles';
import { useApiError } from '../../app/useApiError';

const registryLink = (campaignId: string) => `/titles?campaign=${campaignId}`;

/**
 * 确认命名 on an open publicity: why it cannot be done yet (the window, open objections), or the action with
 * its consequence and, once done, the new titles' serials. A closed publicity links to its titles.
 */
export function CertifyBar({ p, year }: { p: PublicityDetail; year: number }) {
  const { t } = useTranslation('publicity');
  const [open, setOpen] = useState(false);
  // The moment the tab opened: a window ending while it stays open is caught by the server's refusal.
  const [now] = useState(() => Date.now());
  if (p.status === 'closed') return <Certified campaignId={p.campaignId} />;
  const listed = p.items.filter((i) => i.status === 'listed').length;
  if (now < Date.parse(p.endsAt))
    return (
      <Alert
        type="info"
        showIcon
        message={t('certify.waitWindow', { last: p.lastDay })}
        data-testid="certify-wait"
      />
    );
  if (p.objections.open > 0)
    return (
      <Alert
        type="warning"
        showIcon
        message={t('certify.waitObjections', { n: p.objections.open })}
        data-testid="certify-wait"
      />
    );
  return (
    <>
      <Alert
        type="success"
        showIcon
        message={t('certify.readyTitle')}
        action={
          <Button type="primary" onClick={() => setOpen(true)} data-testid="certify-open">
            {t('certify.action')}
          </Button>
        }
      />
      <CertifyModal p={p} listed={listed} year={year} open={open} onClose={() => setOpen(false)} />
    </>
  );
}

function Certified({ campaignId }: { campaignId: string }) {
  const { t } = useTranslation('publicity');
  const titles = useTitles({ campaignId, pageSize: 1 });
  const n = titles.data?.total ?? 0;
  if (!n) return null;
  return (
    <Alert
      type="success"
      showIcon
      message={t('certify.certifiedCount', { n })}
      data-testid="certify-done"
      action={<Link to={registryLink(campaignId)}>{t('certify.registry')}</Link>}
    />
  );
}

function CertifyModal({
  p,
  listed,
  year,
  open,
  onClose,
}: {
  p: PublicityDetail;
  listed: number;
  year: number;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('publicity');
  const [form] = Form.useForm<{ validityYears: number }>();
  // The server's configured validity (SHIFAN_TITLE_VALIDITY_YEARS); the shared default until it answers.
  const validityYears = useTitleSettings().data?.validityYears ?? DEFAULT_TITLE_VALIDITY_YEARS;
  const qc = useQueryClient();
  const report = useApiError();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<CertifyResult | null>(null);
  const submit = async (v: { validityYears: number }) => {
    setBusy(true);
    try {
      setResult(await certifyReq(p.id, { validityYears: v.validityYears }));
    } catch (err) {
      report(err, { form, fields: ['validityYears'], reload: [PUBLICITY] });
    } finally {
      setBusy(false);
    }
  };
  const close = () => {
    if (result) {
      void qc.invalidateQueries({ queryKey: PUBLICITY });
      void qc.invalidateQueries({ queryKey: TITLES });
    }
    setResult(null);
    onClose();
  };
  const first = result?.titles[0];
  return (
    <Modal
      open={open}
      title={result ? null : t('certify.confirmTitle')}
      onCancel={close}
      okText={t('certify.ok')}
      okButtonProps={{ loading: busy, danger: true, 'data-testid': 'certify-ok' } as ButtonProps}
      onOk={() => form.submit()}
      footer={result ? null : undefined}
      destroyOnHidden
    >
      {result && first ? (
        <Result
          status="success"
          title={t('certify.doneTitle', { n: result.certified })}
          subTitle={t('certify.doneSub', {
            from: first.validFrom,
            until: first.validUntil,
            years: first.validityYears,
          })}
          extra={
            <Flex vertical gap={12} align="stretch">
              <List
                size="small"
                bordered
                data-testid="certify-serials"
                dataSource={result.titles}
                renderItem={(tt) => (
                  <List.Item>
                    <Typography.Text className="sf-mono">{tt.serial}</Typography.Text>
                    <Typography.Text>{tt.holderName}</Typography.Text>
                  </List.Item>
                )}
              />
              <Link to={registryLink(p.campaignId)} onClick={close} data-testid="certify-registry">
                <Button type="primary" block>
                  {t('certify.registry')}
                </Button>
              </Link>
            </Flex>
          }
        />
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            message={t('certify.consequence', { n: listed, year })}
            style={{ marginBottom: 16 }}
            data-testid="certify-consequence"
          />
          <Form
            key={validityYears}
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v)}
            initialValues={{ validityYears }}
          >
            <Form.Item name="validityYears" label={t('certify.validityYears')} rules={[{ required: true }]}>
              <InputNumber min={1} max={10} precision={0} />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
