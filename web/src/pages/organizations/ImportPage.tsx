import { useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Result, Steps, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../../shared/src/contracts/organizations';
import { IMPORT_MAX_BYTES } from '../../../../shared/src/contracts/organization-import';
import { ApiError } from '../../api/client';
import { downloadImportTemplate, ORGS, uploadImport } from '../../api/organizations';
import { useApiError } from '../../app/useApiError';
import { PageHeader } from '../../components/PageHeader';
import { importOutcome, isImportFile, type ImportOutcome } from '../../lib/import';
import { ImportPreview } from './ImportPreview';

type Phase = 'choose' | 'checking' | 'checked' | 'importing' | 'done';

const STEP: Record<Phase, number> = { choose: 0, checking: 1, checked: 1, importing: 2, done: 3 };

/** The committee's import wizard: template → file → dry run with every bad row → confirm → result. */
export default function ImportPage() {
  const { t } = useTranslation('organizations');
  const navigate = useNavigate();
  const onError = useApiError();
  const qc = useQueryClient();
  const [phase, setPhase] = useState<Phase>('choose');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState(0);
  const [check, setCheck] = useState<ImportOutcome | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);

  const run = async (dryRun: boolean, f: File) => {
    setProgress(0);
    setPhase(dryRun ? 'checking' : 'importing');
    try {
      const r = await uploadImport(f, dryRun, setProgress);
      if (dryRun) {
        setCheck(importOutcome(r));
        setPhase('checked');
      } else {
        setResult(r);
        setPhase('done');
        await qc.invalidateQueries({ queryKey: ORGS });
      }
    } catch (e) {
      if (e instanceof ApiError && e.code === 'IMPORT_INVALID') {
        setCheck(importOutcome(null, e));
        setPhase('checked');
        return;
      }
      onError(e);
      setPhase(dryRun ? 'choose' : 'checked');
    }
  };

  const choose = (f: File) => {
    if (!isImportFile(f.name)) {
      setFileError(t('importPage.wrongType'));
      return;
    }
    if (f.size > IMPORT_MAX_BYTES) {
      setFileError(t('importPage.tooLarge'));
      return;
    }
    setFileError(null);
    setFile(f);
    setCheck(null);
    void run(true, f);
  };

  const restart = () => {
    setFile(null);
    setCheck(null);
    setResult(null);
    setPhase('choose');
  };

  const templateDownload = async () => {
    try {
      await downloadImportTemplate(t('importPage.templateFile'));
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Flex vertical gap={16}>
      <PageHeader
        title={t('importPage.title')}
        sub={t('importPage.subtitle')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/organizations')}>
            {t('importPage.back')}
          </Button>
        }
      />
      <Card>
        <Steps
          current={STEP[phase]}
          status={check && check.errors.length > 0 && phase === 'checked' ? 'error' : undefined}
          responsive
          items={[
            { title: t('importPage.step.choose') },
            { title: t('importPage.step.check') },
            { title: t('importPage.step.import') },
            { title: t('importPage.step.done') },
          ]}
          style={{ marginBottom: 24 }}
        />

        {phase === 'choose' || phase === 'checking' ? (
          <Flex vertical gap={16}>
            <Alert
              type="info"
              showIcon
              title={t('importPage.templateHint')}
              action={
                <Button
                  size="small"
                  icon={<DownloadOutlined />}
                  onClick={() => void templateDownload()}
                  data-testid="import-template"
                >
                  {t('importPage.template')}
                </Button>
              }
            />
            {fileError ? <Alert type="error" showIcon title={fileError} /> : null}
            <Upload.Dragger
              accept=".xlsx,.csv"
              multiple={false}
              showUploadList={false}
              disabled={phase === 'checking'}
              beforeUpload={(f) => {
                choose(f);
                return Upload.LIST_IGNORE;
              }}
              data-testid="import-file-input"
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('importPage.drop')}</p>
              <p className="ant-upload-hint">{t('importPage.dropHint')}</p>
            </Upload.Dragger>
            {phase === 'checking' ? (
              <Flex vertical gap={4} data-testid="import-progress">
                <Typography.Text>{t('importPage.checking', { name: file?.name ?? '' })}</Typography.Text>
                <Progress percent={progress} status="active" />
              </Flex>
            ) : null}
          </Flex>
        ) : null}

        {phase === 'checked' && check ? (
          <ImportPreview
            outcome={check}
            fileName={file?.name ?? ''}
            onRetry={restart}
            onConfirm={() => file && void run(false, file)}
          />
        ) : null}

        {phase === 'importing' ? (
          <Flex vertical gap={4} data-testid="import-progress">
            <Typography.Text>{t('importPage.importing', { name: file?.name ?? '' })}</Typography.Text>
            <Progress percent={progress} status="active" />
          </Flex>
        ) : null}

        {phase === 'done' && result ? (
          <Result
            status="success"
            title={t('importPage.doneTitle')}
            subTitle={t('importPage.doneText', {
              created: result.created,
              updated: result.updated,
              total: result.total,
            })}
            data-testid="import-result"
            extra={[
              <Button type="primary" key="orgs" onClick={() => navigate('/organizations')}>
                {t('importPage.toOrganizations')}
              </Button>,
              <Button key="again" icon={<ReloadOutlined />} onClick={restart}>
                {t('importPage.again')}
              </Button>,
            ]}
          />
        ) : null}
      </Card>
    </Flex>
  );
}
