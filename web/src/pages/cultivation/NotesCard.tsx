import { useState } from 'react';
import { Button, Card, Empty, Flex, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CultivationDetail } from '../../../../shared/src/contracts/cultivation';
import { addNoteReq } from '../../api/cultivation';
import { useApiError } from '../../app/useApiError';
import { formatDateTime } from '../../lib/format';

interface Props {
  detail: CultivationDetail;
  editable: boolean;
  onChanged: () => Promise<void>;
}

/** Progress notes (培育记录): add one; the list shows author and time. */
export function NotesCard({ detail, editable, onChanged }: Props) {
  const { t } = useTranslation('cultivation');
  const onError = useApiError();
  const [body, setBody] = useState('');
  const [busy, setBusy] = useState(false);

  const add = async () => {
    if (!body.trim()) return;
    setBusy(true);
    try {
      await addNoteReq(detail.id, { body: body.trim() });
      setBody('');
      await onChanged();
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card size="small" title={t('note.title')} data-testid="cultivation-notes">
      {editable ? (
        <Flex vertical gap={8} style={{ marginBottom: 12 }}>
          <Input.TextArea
            value={body}
            onChange={(e) => setBody(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={5000}
            placeholder={t('note.placeholder')}
            data-testid="note-body"
          />
          <Flex justify="end">
            <Button loading={busy} disabled={!body.trim()} onClick={() => void add()} data-testid="note-add">
              {t('note.add')}
            </Button>
          </Flex>
        </Flex>
      ) : null}
      {detail.notes.length ? (
        <Flex vertical gap={10}>
          {detail.notes.map((n) => (
            <Flex key={n.id} vertical gap={2} data-testid="note">
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {[n.authorName, formatDateTime(n.createdAt)].filter(Boolean).join(' · ')}
              </Typography.Text>
              <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {n.body}
              </Typography.Text>
            </Flex>
          ))}
        </Flex>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('note.none')} />
      )}
    </Card>
  );
}
