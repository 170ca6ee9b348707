import { useParams } from 'react-router';
import { Card, Descriptions, Flex, Grid, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { VERIFY_TOKEN_PATTERN } from '../../../../shared/src/contracts/titles';
import { useVerification } from '../../api/publicity';
import { Logo } from '../../layout/Logo';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { BRAND_RED } from '../../app/theme';
import { FullPageSpin } from '../../app/fallbacks';

const STATUS = { valid: 'success', expired: 'warning', revoked: 'error' } as const;

/**
 * 证书查验: what a certificate's QR code opens, without login — valid, expired or revoked, with the holder,
 * serial, track, year and validity, nothing more (GET /api/public/verify/:token).
 */
export default function VerifyPage() {
  const { token } = useParams();
  const { t } = useTranslation('publicity');
  const phone = !Grid.useBreakpoint().sm;
  const wellFormed = !!token && VERIFY_TOKEN_PATTERN.test(token);
  const q = useVerification(wellFormed ? token : undefined);
  const v = q.data;
  return (
    <Flex vertical style={{ minHeight: '100%', borderTop: `4px solid ${BRAND_RED}`, background: '#f3f4f6' }}>
      <Flex justify="space-between" align="center" style={{ padding: phone ? '12px 16px' : '16px 32px' }}>
        <Logo compact={phone} />
        <LanguageSwitch />
      </Flex>
      <Card
        title={t('verify.title')}
        style={{ width: '100%', maxWidth: 560, margin: phone ? '12px auto' : '32px auto' }}
        data-testid="verify-card"
      >
        {wellFormed && q.isPending ? (
          <FullPageSpin />
        ) : !v ? (
          <Result status="404" title={t('verify.notFound')} subTitle={t('verify.notFoundSub')} />
        ) : (
          <>
            <Result
              status={STATUS[v.verdict]}
              title={t(`verify.${v.verdict}`)}
              subTitle={t(`verify.${v.verdict}Sub`)}
              style={{ paddingBlock: 16 }}
            />
            <Descriptions column={1} bordered size="small">
              <Descriptions.Item label={t('verify.holder')}>{v.holderName}</Descriptions.Item>
              <Descriptions.Item label={t('verify.serial')}>
                <span className="sf-mono">{v.serial}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('verify.track')}>{v.trackNameZh}</Descriptions.Item>
              <Descriptions.Item label={t('verify.year')}>{v.year}</Descriptions.Item>
              <Descriptions.Item label={t('verify.validity')}>
                {t('verify.range', { from: v.validFrom, until: v.validUntil })}
              </Descriptions.Item>
            </Descriptions>
          </>
        )}
      </Card>
    </Flex>
  );
}
