import { useRef, useState } from 'react';
import { App, Button, Flex, Image, Progress, Typography } from 'antd';
import { CameraOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ReviewPhoto } from '../../../../shared/src/contracts/reviews';
import {
  REVIEWS,
  reviewPhotoThumbUrl,
  reviewPhotoUrl,
  uploadReviewPhoto,
  type PhotoStamp,
} from '../../api/reviews';
import { useApiError } from '../../app/useApiError';
import { formatDateTime } from '../../lib/format';

/** The device's position if it gives one within a few seconds; never asked twice, never required. */
function position(): Promise<{ latitude: number; longitude: number } | null> {
  if (!('geolocation' in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (p) => resolve({ latitude: p.coords.latitude, longitude: p.coords.longitude }),
      () => resolve(null),
      { timeout: 5000, maximumAge: 60_000 },
    );
  });
}

/**
 * On-site photos of one criterion (实地考察): taken with the phone's camera or picked from the gallery,
 * stamped with the time (and the position when the device gives it), stored through the evidence store.
 */
export function PhotoBox({
  reviewId,
  criterionId,
  photos,
  editable,
}: {
  reviewId: string;
  criterionId: string | null;
  photos: ReviewPhoto[];
  editable: boolean;
}) {
  const { t } = useTranslation('reviews');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const onError = useApiError();
  const [percent, setPercent] = useState<number | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const upload = async (file: File) => {
    setPercent(0);
    try {
      const where = await position();
      const stamp: PhotoStamp = {
        takenAt: new Date(file.lastModified || Date.now()).toISOString(),
        ...where,
      };
      await uploadReviewPhoto(reviewId, criterionId, file, stamp, setPercent);
      message.success(t('sheet.photoUploaded'));
      await qc.invalidateQueries({ queryKey: [...REVIEWS, 'sheet', reviewId] });
    } catch (e) {
      onError(e);
    } finally {
      setPercent(null);
    }
  };

  if (!editable && photos.length === 0) return null;
  return (
    <Flex vertical gap={6}>
      <Typography.Text type="secondary">{t('sheet.photos')}</Typography.Text>
      <Flex gap={8} wrap>
        <Image.PreviewGroup>
          {photos.map((p) => (
            <Flex key={p.id} vertical gap={2} style={{ width: 96 }}>
              <Image
                src={reviewPhotoThumbUrl(reviewId, p.id)}
                preview={{ src: reviewPhotoUrl(reviewId, p.id) }}
                width={96}
                height={72}
                style={{ objectFit: 'cover', borderRadius: 4 }}
                alt={p.originalName}
              />
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {t('sheet.photoTaken', { time: formatDateTime(p.takenAt) })}
              </Typography.Text>
              {p.latitude !== null && p.longitude !== null ? (
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {t('sheet.photoPlace', { lat: p.latitude.toFixed(4), lng: p.longitude.toFixed(4) })}
                </Typography.Text>
              ) : null}
            </Flex>
          ))}
        </Image.PreviewGroup>
      </Flex>
      {editable ? (
        <div style={{ alignSelf: 'flex-start' }}>
          <input
            ref={input}
            type="file"
            accept="image/*"
            capture="environment"
            hidden
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void upload(f);
            }}
            data-testid="photo-input"
          />
          <Button icon={<CameraOutlined />} loading={percent !== null} onClick={() => input.current?.click()}>
            {t('sheet.photoAdd')}
          </Button>
        </div>
      ) : null}
      {percent !== null ? <Progress percent={percent} size="small" /> : null}
    </Flex>
  );
}
