import { useMemo, useState } from 'react';
import { Alert, Button, Card, Flex, Progress, Result, Steps, Typography, Upload } from 'antd';
import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../../shared/src/contracts/organizations';
import { IMPORT_MAX_BYTES } from '../../../../shared/src/contracts/organization-import';
import { downloadImportTemplate, ORGS, uploadImport } from '../../api/organizations';
import { useApiError } from '../../app/useApiError';
import { useImportRun, type ImportPhase } from '../../components/useImportRun';
import { PageHeader } from '../../components/PageHeader';
import { importOutcome, isImportFile } from '../../lib/import';
import { ImportPreview } from './ImportPreview';

const STEP: Record<ImportPhase, number> = { choose: 0, checking: 1, checked: 1, importing: 2, done: 3 };

/** The committee's import wizard: template → file → dry run with every bad row → confirm → result. */
export default function ImportPage() {
  const { t } = useTranslation('organizations');
  const navigate = useNavigate();
  const onError = useApiError();
  const {
    phase,
    file,
    progress,
    checked,
    invalid,
    done: result,
    check,
    confirm,
    reset: restart,
  } = useImportRun<ImportResult>(uploadImport, ORGS);
  const outcome = useMemo(() => invalid ?? (checked ? importOutcome(checked) : null), [invalid, checked]);
  const [fileError, setFileError] = useState<string | null>(null);

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
    check(f);
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
          status={outcome && outcome.errors.length > 0 && phase === 'checked' ? 'error' : undefined}
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

        {phase === 'checked' && outcome ? (
          <ImportPreview
            outcome={outcome}
            fileName={file?.name ?? ''}
            onRetry={restart}
            onConfirm={() => void confirm()}
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
