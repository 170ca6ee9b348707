import { useState } from 'react';
import { App, Button, Flex, Image, Progress, Typography, Upload } from 'antd';
import {
  DeleteOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  FileOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  InboxOutlined,
} from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fileTypeLabel } from '../../../../shared/src/contracts/evidence';
import { currentLanguage } from '../../i18n';
import type { EvidenceItem } from '../../../../shared/src/contracts/applications';
import { EVIDENCE_ACCEPT, EVIDENCE_LIMITS } from '../../../../shared/src/contracts/evidence';
import { APPLICATIONS } from '../../api/applications';
import { deleteEvidenceReq, evidenceUrl, thumbnailUrl, uploadEvidence } from '../../api/evidence';
import { useApiError } from '../../app/useApiError';
import { checkEvidenceFile, fileFamily, formatBytes } from '../../lib/applications';
import { formatDateTime } from '../../lib/format';

const ICONS = {
  pdf: <FilePdfOutlined style={{ fontSize: 28, color: '#cf1322' }} />,
  word: <FileWordOutlined style={{ fontSize: 28, color: '#1d39c4' }} />,
  excel: <FileExcelOutlined style={{ fontSize: 28, color: '#389e0d' }} />,
  other: <FileOutlined style={{ fontSize: 28 }} />,
};

interface Uploading {
  uid: string;
  name: string;
  percent: number;
}

/** The evidence of one criterion: a drop zone with progress, thumbnails or file icons, download, delete. */
export function EvidenceBox({
  applicationId,
  criterionId,
  files,
  editable,
}: {
  applicationId: string;
  criterionId: string | null;
  files: EvidenceItem[];
  editable: boolean;
}) {
  const { t } = useTranslation('applications');
  const { message, modal } = App.useApp();
  const onError = useApiError();
  const qc = useQueryClient();
  const [uploading, setUploading] = useState<Uploading[]>([]);
  const refresh = () => qc.invalidateQueries({ queryKey: [...APPLICATIONS, 'detail', applicationId] });

  const upload = async (file: File) => {
    const problem = checkEvidenceFile(file);
    if (problem) {
      message.error(
        t(`evidence.problem.${problem}`, {
          name: file.name,
          max: formatBytes(EVIDENCE_LIMITS.fileBytes),
        }),
      );
      return;
    }
    const uid = `${Date.now()}-${Math.random()}`;
    setUploading((u) => [...u, { uid, name: file.name, percent: 0 }]);
    try {
      await uploadEvidence(applicationId, criterionId, file, (percent) =>
        setUploading((u) => u.map((x) => (x.uid === uid ? { ...x, percent } : x))),
      ).promise;
      message.success(t('evidence.uploaded', { name: file.name }));
      await refresh();
    } catch (e) {
      onError(e);
    } finally {
      setUploading((u) => u.filter((x) => x.uid !== uid));
    }
  };

  const remove = (f: EvidenceItem) =>
    modal.confirm({
      title: t('evidence.deleteTitle', { name: f.originalName }),
      okText: t('evidence.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await deleteEvidenceReq(f.id);
          await refresh();
        } catch (e) {
          onError(e);
        }
      },
    });

  return (
    <Flex vertical gap={8} data-testid="evidence-box">
      {files.length ? (
        <Flex vertical gap={6}>
          {files.map((f) => {
            const family = fileFamily(f.mediaType);
            return (
              <Flex
                key={f.id}
                gap={10}
                align="center"
                className="sf-evidence-row"
                data-testid="evidence-file"
              >
                <Flex justify="center" align="center" style={{ width: 48, height: 48, flex: 'none' }}>
                  {family === 'image' ? (
                    <Image
                      src={thumbnailUrl(f.id)}
                      width={48}
                      height={48}
                      style={{ objectFit: 'cover', borderRadius: 4 }}
                      preview={{ src: evidenceUrl(f.id) }}
                      alt={f.originalName}
                    />
                  ) : (
                    ICONS[family]
                  )}
                </Flex>
                <Flex vertical style={{ minWidth: 0, flex: 1 }}>
                  <Typography.Text ellipsis={{ tooltip: f.originalName }}>{f.originalName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {fileTypeLabel(f.mediaType, currentLanguage() === 'zh-CN' ? 'zh' : 'en')} ·{' '}
                    {formatBytes(f.sizeBytes)} · {formatDateTime(f.uploadedAt)}
                  </Typography.Text>
                </Flex>
                <Button
                  type="text"
                  size="small"
                  icon={<DownloadOutlined />}
                  href={evidenceUrl(f.id)}
                  aria-label={t('evidence.download')}
                  title={t('evidence.download')}
                />
                {editable ? (
                  <Button
                    type="text"
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    onClick={() => remove(f)}
                    aria-label={t('evidence.delete')}
                    title={t('evidence.delete')}
                    data-testid="evidence-delete"
                  />
                ) : null}
              </Flex>
            );
          })}
        </Flex>
      ) : !editable ? (
        <Typography.Text type="secondary">{t('evidence.none')}</Typography.Text>
      ) : null}
      {uploading.map((u) => (
        <Flex key={u.uid} vertical gap={0} data-testid="evidence-progress">
          <Typography.Text ellipsis style={{ fontSize: 12 }}>
            {u.name}
          </Typography.Text>
          <Progress percent={u.percent} size="small" />
        </Flex>
      ))}
      {editable ? (
        <Upload.Dragger
          multiple
          accept={EVIDENCE_ACCEPT}
          showUploadList={false}
          customRequest={({ file }) => void upload(file as File)}
          beforeUpload={() => true}
          data-testid="evidence-upload"
        >
          <p className="ant-upload-drag-icon" style={{ marginBottom: 4 }}>
            <InboxOutlined />
          </p>
          <p className="ant-upload-text" style={{ fontSize: 14 }}>
            {t('evidence.drop')}
          </p>
          <p className="ant-upload-hint" style={{ fontSize: 12 }}>
            {t('evidence.hint', { max: formatBytes(EVIDENCE_LIMITS.fileBytes) })}
          </p>
        </Upload.Dragger>
      ) : null}
    </Flex>
  );
}
