import { useState } from 'react';
import { Alert, App, Button, Flex, Grid, Modal, Progress, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReviewerImportResult } from '../../../../shared/src/contracts/reviewers';
import { downloadReviewerTemplate, REVIEWERS, uploadReviewers } from '../../api/reviewers';
import { useApiError } from '../../app/useApiError';
import { useImportRun } from '../../components/useImportRun';
import { isImportFile, type ImportRowProblem } from '../../lib/import';
import { Affiliation, AvailableTag } from './tags';

/** The accounts and their one-time passwords as a CSV (UTF-8 with BOM, so Excel reads the Chinese). */
export function passwordsCsv(accounts: ReviewerImportResult['accounts'], header: string[]): string {
  const cell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
  return `\uFEFF${[header, ...accounts.map((a) => [a.username, a.displayName, a.oneTimePassword])]
    .map((r) => r.map(cell).join(','))
    .join('\r\n')}\r\n`;
}

function saveText(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: name });
  a.click();
  URL.revokeObjectURL(url);
}

/** 批量导入评审专家: choose a file → checked at once → confirm → the one-time passwords, once. */
export function ReviewerImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation('evaluation');
  const { modal } = App.useApp();
  const onError = useApiError();
  const phone = !Grid.useBreakpoint().md;
  const {
    phase,
    progress,
    checked,
    invalid,
    done,
    check,
    confirm,
    reset: resetFlow,
  } = useImportRun<ReviewerImportResult>(uploadReviewers, REVIEWERS);
  const problems = invalid?.errors ?? [];
  const [saved, setSaved] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);

  const reset = () => {
    resetFlow();
    setSaved(false);
    setFileError(null);
  };
  const close = () => {
    if (done && !saved)
      modal.confirm({
        title: t('pool.import.leaveTitle'),
        content: t('pool.import.leaveText'),
        okText: t('pool.import.leave'),
        cancelText: t('common.cancel'),
        onOk: () => {
          reset();
          onClose();
        },
      });
    else {
      reset();
      onClose();
    }
  };

  const choose = (f: File) => {
    if (!isImportFile(f.name)) {
      setFileError(t('pool.import.wrongType'));
      return false;
    }
    setFileError(null);
    check(f);
    return false;
  };

  const confirmImport = () => {
    const n = checked?.rows.length ?? 0;
    modal.confirm({
      title: t('pool.import.confirmTitle', { n }),
      content: t('pool.import.confirmText', { n }),
      okText: t('pool.import.confirm', { n }),
      cancelText: t('common.cancel'),
      onOk: confirm,
    });
  };

  const downloadPasswords = () => {
    saveText(
      passwordsCsv(done!.accounts, [t('pool.username'), t('pool.name'), t('pool.import.password')]),
      t('pool.import.passwordsName'),
    );
    setSaved(true);
  };

  const footer =
    phase === 'done' ? (
      <Flex gap={8} justify="end" wrap>
        <Button
          icon={<DownloadOutlined />}
          onClick={downloadPasswords}
          data-testid="reviewer-import-passwords"
        >
          {t('pool.import.downloadPasswords')}
        </Button>
        <Button type="primary" onClick={close} data-testid="reviewer-import-done">
          {t('pool.import.close')}
        </Button>
      </Flex>
    ) : (
      <Flex gap={8} justify="end" wrap>
        {phase === 'checked' ? <Button onClick={reset}>{t('pool.import.again')}</Button> : null}
        <Button
          type="primary"
          disabled={phase !== 'checked' || !checked || checked.rows.length === 0}
          loading={phase === 'importing'}
          onClick={confirmImport}
          data-testid="reviewer-import-confirm"
        >
          {t('pool.import.confirm', { n: checked?.rows.length ?? 0 })}
        </Button>
      </Flex>
    );

  return (
    <Modal
      open={open}
      title={t('pool.import.title')}
      width={phone ? '100%' : 860}
      onCancel={close}
      mask={{ closable: false }}
      footer={footer}
      destroyOnHidden
    >
      <Flex vertical gap={12}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t('pool.import.intro')}{' '}
          <Button
            type="link"
            size="small"
            icon={<DownloadOutlined />}
            style={{ paddingInline: 0 }}
            onClick={() => void downloadReviewerTemplate(t('pool.import.templateName')).catch(onError)}
          >
            {t('pool.import.template')}
          </Button>
        </Typography.Paragraph>
        {phase === 'choose' ? (
          <Upload.Dragger
            accept=".xlsx,.csv"
            showUploadList={false}
            beforeUpload={choose}
            data-testid="reviewer-import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('pool.import.choose')}</p>
            <p className="ant-upload-hint">{t('pool.import.chooseHint')}</p>
          </Upload.Dragger>
        ) : null}
        {fileError ? <Alert type="error" showIcon title={fileError} /> : null}
        {phase === 'checking' || phase === 'importing' ? (
          <Flex vertical gap={4}>
            <Typography.Text>
              {t(phase === 'checking' ? 'pool.import.checking' : 'pool.import.importing')}
            </Typography.Text>
            <Progress percent={progress} size="small" />
          </Flex>
        ) : null}
        {phase === 'checked' && problems.length > 0 ? (
          <>
            <Alert
              type="error"
              showIcon
              title={t('pool.import.bad', { rows: new Set(problems.map((p) => p.row)).size })}
            />
            <Table<ImportRowProblem>
              size="small"
              rowKey={(p) => `${p.row}:${p.column}:${p.code}`}
              dataSource={problems}
              pagination={problems.length > 10 ? { pageSize: 10, size: 'small' } : false}
              data-testid="reviewer-import-problems"
              columns={[
                { title: t('pool.import.row'), dataIndex: 'row', width: 70 },
                { title: t('pool.import.column'), dataIndex: 'column', width: 130 },
                { title: t('pool.import.problem'), dataIndex: 'message' },
              ]}
            />
          </>
        ) : null}
        {phase === 'checked' && checked ? (
          <>
            <Alert type="success" showIcon title={t('pool.import.ok', { n: checked.rows.length })} />
            <Table
              size="small"
              rowKey="row"
              dataSource={checked.rows}
              scroll={{ x: phone ? 600 : undefined }}
              pagination={checked.rows.length > 10 ? { pageSize: 10, size: 'small' } : false}
              data-testid="reviewer-import-preview"
              columns={[
                { title: t('pool.import.row'), dataIndex: 'row', width: 60 },
                { title: t('pool.username'), dataIndex: 'username' },
                { title: t('pool.name'), dataIndex: 'displayName' },
                {
                  title: t('pool.affiliation'),
                  key: 'affiliation',
                  render: (_, r) => <Affiliation r={r} />,
                },
                {
                  title: t('pool.expertise'),
                  key: 'expertise',
                  render: (_, r) => r.expertise.join('、') || '—',
                },
                { title: t('pool.available'), key: 'available', render: (_, r) => <AvailableTag r={r} /> },
              ]}
            />
          </>
        ) : null}
        {phase === 'done' && done ? (
          <>
            <Alert type="success" showIcon title={t('pool.import.done', { n: done.created })} />
            <Alert type="warning" showIcon title={t('pool.import.passwords')} />
            <Table
              size="small"
              rowKey="id"
              dataSource={done.accounts}
              pagination={done.accounts.length > 10 ? { pageSize: 10, size: 'small' } : false}
              data-testid="reviewer-import-accounts"
              columns={[
                { title: t('pool.username'), dataIndex: 'username' },
                { title: t('pool.name'), dataIndex: 'displayName' },
                {
                  title: t('pool.import.password'),
                  dataIndex: 'oneTimePassword',
                  render: (v: string) => (
                    <Typography.Text code copyable>
                      {v}
                    </Typography.Text>
                  ),
                },
              ]}
            />
          </>
        ) : null}
      </Flex>
    </Modal>
  );
}
