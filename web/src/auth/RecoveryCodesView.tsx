import { App, Alert, Button, Flex, Typography } from 'antd';
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../lib/format';

/** The text of the .txt download: a heading, the account, the time and one code per line. */
export function recoveryCodesText(
  codes: readonly string[],
  labels: { title: string; account: string; created: string; note: string },
  username: string,
  at: string,
): string {
  return [
    labels.title,
    `${labels.account}: ${username}`,
    `${labels.created}: ${at}`,
    '',
    ...codes,
    '',
    labels.note,
    '',
  ].join('\r\n');
}

/** Ten recovery codes, shown once, with copy and download (.txt). */
export function RecoveryCodesView({ codes, username }: { codes: readonly string[]; username: string }) {
  const { t } = useTranslation('auth');
  const { message } = App.useApp();
  const text = () =>
    recoveryCodesText(
      codes,
      {
        title: t('recovery.fileTitle'),
        account: t('recovery.fileAccount'),
        created: t('recovery.fileCreated'),
        note: t('recovery.fileNote'),
      },
      username,
      formatDateTime(new Date().toISOString()),
    );
  const copy = async () => {
    await navigator.clipboard?.writeText(codes.join('\n'));
    message.success(t('recovery.copied'));
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text()], { type: 'text/plain;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `shifan-recovery-codes-${username}.txt`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <Flex vertical gap={12}>
      <Alert type="warning" showIcon title={t('recovery.title')} description={t('recovery.hint')} />
      <ol
        data-testid="recovery-codes"
        style={{
          display: 'grid',
          gridTemplateColumns: 'repeat(2, minmax(0, 1fr))',
          gap: '6px 24px',
          margin: 0,
          padding: '12px 16px 12px 40px',
          background: '#f7f7f8',
          borderRadius: 6,
          fontFamily: 'monospace',
          fontSize: 16,
        }}
      >
        {codes.map((c) => (
          <li key={c}>
            <Typography.Text style={{ fontFamily: 'monospace', fontSize: 16 }}>{c}</Typography.Text>
          </li>
        ))}
      </ol>
      <Flex gap={8} wrap>
        <Button icon={<CopyOutlined />} onClick={() => void copy()} data-testid="recovery-copy">
          {t('recovery.copy')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={download} data-testid="recovery-download">
          {t('recovery.download')}
        </Button>
      </Flex>
    </Flex>
  );
}
