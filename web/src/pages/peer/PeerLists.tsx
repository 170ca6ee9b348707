import { useState } from 'react';
import { Button, Flex, InputNumber, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, HolderOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { BRAND_RED } from '../../app/theme';
import { isValidPeerScore, moveItem } from '../../lib/peer';

const row: React.CSSProperties = {
  border: '1px solid #f0f0f0',
  borderRadius: 8,
  padding: '10px 12px',
  background: '#fff',
};

const badge: React.CSSProperties = {
  flex: 'none',
  width: 32,
  height: 32,
  borderRadius: 16,
  display: 'flex',
  alignItems: 'center',
  justifyContent: 'center',
  fontWeight: 600,
};

/** Rank mode: the members best first; drag a row (mouse) or move it with the arrows (phone, keyboard). */
export function RankList({
  order,
  nameOf,
  editable,
  onChange,
}: {
  order: string[];
  nameOf: Map<string, string>;
  editable: boolean;
  onChange: (order: string[]) => void;
}) {
  const { t } = useTranslation('reviews');
  const [dragged, setDragged] = useState<number | null>(null);
  const [over, setOver] = useState<number | null>(null);
  return (
    <Flex vertical gap={8} data-testid="peer-ranking">
      {order.map((p, i) => {
        const name = nameOf.get(p) ?? p;
        return (
          <Flex
            key={p}
            align="center"
            gap={12}
            data-testid="peer-rank-row"
            draggable={editable}
            onDragStart={() => setDragged(i)}
            onDragOver={(e) => {
              if (dragged === null) return;
              e.preventDefault();
              setOver(i);
            }}
            onDragEnd={() => {
              setDragged(null);
              setOver(null);
            }}
            onDrop={(e) => {
              e.preventDefault();
              if (dragged !== null && dragged !== i) onChange(moveItem(order, dragged, i));
              setDragged(null);
              setOver(null);
            }}
            style={{
              ...row,
              cursor: editable ? 'grab' : 'default',
              opacity: dragged === i ? 0.5 : 1,
              borderColor: over === i && dragged !== i ? BRAND_RED : '#f0f0f0',
            }}
          >
            {editable ? <HolderOutlined style={{ color: '#999' }} aria-hidden /> : null}
            <span
              style={{
                ...badge,
                background: i < 3 ? BRAND_RED : '#f5f5f5',
                color: i < 3 ? '#fff' : '#333',
              }}
            >
              {i + 1}
            </span>
            <Typography.Text strong style={{ flex: 1, minWidth: 0 }} data-testid="peer-rank-name">
              {name}
            </Typography.Text>
            {editable ? (
              <Flex gap={4} style={{ flex: 'none' }}>
                <Button
                  icon={<ArrowUpOutlined />}
                  disabled={i === 0}
                  aria-label={t('peer.up', { name })}
                  onClick={() => onChange(moveItem(order, i, i - 1))}
                  data-testid="peer-up"
                />
                <Button
                  icon={<ArrowDownOutlined />}
                  disabled={i === order.length - 1}
                  aria-label={t('peer.down', { name })}
                  onClick={() => onChange(moveItem(order, i, i + 1))}
                  data-testid="peer-down"
                />
              </Flex>
            ) : null}
          </Flex>
        );
      })}
    </Flex>
  );
}

/** Score mode: a score 0–100 (step 0.5) per member; a wrong one shows the rule and is not saved. */
export function ScoreList({
  targets,
  scores,
  editable,
  onChange,
}: {
  targets: { pseudonym: string; organizationName: string }[];
  scores: Record<string, number | null>;
  editable: boolean;
  onChange: (pseudonym: string, value: number | null) => void;
}) {
  const { t } = useTranslation('reviews');
  return (
    <Flex vertical gap={8} data-testid="peer-scores">
      {targets.map((x) => {
        const v = scores[x.pseudonym] ?? null;
        const bad = v !== null && !isValidPeerScore(v);
        return (
          <Flex key={x.pseudonym} align="center" gap={12} wrap style={row} data-testid="peer-score-row">
            <Typography.Text strong style={{ flex: 1, minWidth: 160 }}>
              {x.organizationName}
            </Typography.Text>
            <Flex vertical gap={2}>
              <InputNumber<number>
                min={0}
                max={100}
                step={0.5}
                inputMode="decimal"
                size="large"
                disabled={!editable}
                value={v}
                status={bad ? 'error' : undefined}
                placeholder={t('peer.scorePlaceholder')}
                style={{ width: 140 }}
                onChange={(n) => onChange(x.pseudonym, n)}
                data-testid="peer-score"
              />
              {bad ? (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  {t('peer.scoreRule')}
                </Typography.Text>
              ) : null}
            </Flex>
          </Flex>
        );
      })}
    </Flex>
  );
}
