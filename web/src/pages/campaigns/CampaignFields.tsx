import { Button, Checkbox, DatePicker, Flex, Form, InputNumber, Select, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { StandardSummary, Track } from '../../../../shared/src/contracts/standards';
import { ORG_KINDS, type OrgKind } from '../../../../shared/src/enums';
import { OrgPicker } from '../../components/OrgPicker';
import { kindLabel } from '../../i18n/labels';
import { currentLanguage } from '../../i18n';
import {
  previousField,
  slotKey,
  TIMELINE_FIELDS,
  timelineProblems,
  type TimelineField,
} from '../../lib/campaigns';
import { slotsOf, type CampaignFormValues, type Slot } from './form-model';

/** Every value of the form, including the fields of steps not shown now. */
function useAllValues(): Partial<CampaignFormValues> | undefined {
  const form = Form.useFormInstance<CampaignFormValues>();
  return Form.useWatch([], { form, preserve: true }) as Partial<CampaignFormValues> | undefined;
}

export const KINDS = ORG_KINDS.filter((k) => k !== 'working_committee');

export const trackName = (tracks: readonly Track[], code: string) => {
  const tr = tracks.find((x) => x.code === code);
  return tr ? (currentLanguage() === 'zh-CN' ? tr.nameZh : tr.nameEn) : code;
};

function useSlotLabel(tracks: readonly Track[]) {
  const { t } = useTranslation();
  return (s: Slot) =>
    `${trackName(tracks, s.track)} · ${s.orgKind ? kindLabel(t, s.orgKind) : t('common.anyKind')}`;
}

/** Tracks run and, for organisation tracks, the kinds that may apply. */
export function TrackFields({ tracks, disabled }: { tracks: readonly Track[]; disabled?: boolean }) {
  const { t } = useTranslation(['campaigns', 'standards']);
  const chosen = useAllValues()?.tracks ?? [];
  return (
    <>
      <Form.Item
        name="tracks"
        label={t('tracks')}
        rules={[{ required: true, type: 'array', min: 1, message: t('wiz.pickTrack') }]}
      >
        <Checkbox.Group
          disabled={disabled}
          options={tracks
            .filter((x) => x.active)
            .map((x) => ({ value: x.code, label: trackName(tracks, x.code) }))}
          data-testid="wizard-tracks"
        />
      </Form.Item>
      {chosen
        .map((code) => tracks.find((x) => x.code === code))
        .filter((x): x is Track => !!x && x.subject === 'organization')
        .map((tr) => (
          <Form.Item
            key={tr.code}
            name={['kinds', tr.code]}
            label={`${trackName(tracks, tr.code)} · ${t('eligibleKinds')}`}
            extra={t('eligibleHint')}
          >
            <Checkbox.Group
              disabled={disabled}
              options={KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
              data-testid={`wizard-kinds-${tr.code}`}
            />
          </Form.Item>
        ))}
    </>
  );
}

/** The standards that fit a slot: same track, and the kind among theirs (or a standard for any kind). */
export function standardsFor(all: readonly StandardSummary[], s: Slot): StandardSummary[] {
  return all.filter(
    (x) =>
      x.active && x.track === s.track && (!s.orgKind || !x.orgKinds.length || x.orgKinds.includes(s.orgKind)),
  );
}

/** A standard version per track × kind slot. */
export function StandardFields({
  tracks,
  standards,
  disabled,
}: {
  tracks: readonly Track[];
  standards: readonly StandardSummary[];
  disabled?: boolean;
}) {
  const { t } = useTranslation(['campaigns', 'standards']);
  const values = useAllValues();
  const slotLabel = useSlotLabel(tracks);
  const zh = currentLanguage() === 'zh-CN';
  return (
    <>
      {slotsOf(values ?? {}, tracks).map((s) => {
        const options = standardsFor(standards, s);
        return (
          <Form.Item
            key={slotKey(s.track, s.orgKind)}
            name={['standards', slotKey(s.track, s.orgKind)]}
            label={slotLabel(s)}
            rules={[{ required: true, message: t('validation.required') }]}
            extra={options.length ? undefined : t('wiz.noStandard')}
          >
            <Select
              disabled={disabled}
              options={options.map((x) => ({
                value: x.latestVersionId,
                label: `${zh ? x.nameZh : x.nameEn} · ${x.code} · ${t('standards:versionN', { n: x.latestVersion })}`,
              }))}
              data-testid="wizard-standard"
            />
          </Form.Item>
        );
      })}
    </>
  );
}

/** Quotas per slot and optional unit caps per track. */
export function QuotaFields({ tracks, phone }: { tracks: readonly Track[]; phone: boolean }) {
  const { t } = useTranslation(['campaigns', 'standards']);
  const values = useAllValues();
  const slotLabel = useSlotLabel(tracks);
  const chosen = values?.tracks ?? [];
  return (
    <>
      <Flex gap={phone ? 0 : 16} wrap>
        {slotsOf(values ?? {}, tracks).map((s) => (
          <Form.Item
            key={slotKey(s.track, s.orgKind)}
            name={['quotas', slotKey(s.track, s.orgKind)]}
            label={slotLabel(s)}
            style={{ width: phone ? '100%' : 320 }}
          >
            <InputNumber
              min={0}
              max={100000}
              precision={0}
              style={{ width: '100%' }}
              data-testid="wizard-quota"
            />
          </Form.Item>
        ))}
      </Flex>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('unitCaps')}
      </Typography.Title>
      <Form.List name="unitCaps">
        {(fields, { add, remove }) => (
          <Flex vertical gap={8}>
            {fields.map((f) => (
              <Flex key={f.key} gap={8} wrap align="start">
                <Form.Item
                  name={[f.name, 'track']}
                  rules={[{ required: true, message: t('validation.required') }]}
                  style={{ width: phone ? '100%' : 200, marginBottom: 0 }}
                >
                  <Select
                    placeholder={t('tracks')}
                    options={chosen.map((c) => ({ value: c, label: trackName(tracks, c) }))}
                  />
                </Form.Item>
                <CapUnitItem name={f.name} phone={phone} />
                <Form.Item
                  name={[f.name, 'cap']}
                  rules={[{ required: true, message: t('validation.required') }]}
                  style={{ width: 120, marginBottom: 0 }}
                >
                  <InputNumber
                    min={0}
                    max={100000}
                    precision={0}
                    placeholder={t('cap')}
                    style={{ width: '100%' }}
                    data-testid="wizard-cap"
                  />
                </Form.Item>
                <Button
                  icon={<DeleteOutlined />}
                  aria-label={t('removeCap')}
                  onClick={() => remove(f.name)}
                />
              </Flex>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => add({ track: chosen[0] })}
              style={{ alignSelf: 'start' }}
              data-testid="wizard-add-cap"
            >
              {t('addCap')}
            </Button>
          </Flex>
        )}
      </Form.List>
    </>
  );
}

function CapUnitItem({ name, phone }: { name: number; phone: boolean }) {
  const { t } = useTranslation(['campaigns', 'standards']);
  const form = Form.useFormInstance<CampaignFormValues>();
  const unitName = form.getFieldValue(['unitCaps', name, 'unitName']) as string | undefined;
  const unitId = form.getFieldValue(['unitCaps', name, 'unitId']) as string | undefined;
  return (
    <Form.Item
      name={[name, 'unitId']}
      rules={[{ required: true, message: t('validation.required') }]}
      style={{ width: phone ? '100%' : 280, marginBottom: 0 }}
    >
      <OrgPicker
        mode="unit"
        placeholder={t('unit')}
        initial={unitId && unitName ? { id: unitId, name: unitName } : null}
        // Keep the chosen unit's name beside its id, for the wizard's review step.
        onChange={(id, org) => {
          if (!id) form.setFieldValue(['unitCaps', name, 'unitName'], undefined);
          else if (org) form.setFieldValue(['unitCaps', name, 'unitName'], org.name);
        }}
        data-testid="wizard-cap-unit"
      />
    </Form.Item>
  );
}

/** The seven dates, checked in order as the server checks them. */
export function TimelineFields({
  form,
  locked,
  phone,
}: {
  form: FormInstance<CampaignFormValues>;
  locked?: Partial<Record<TimelineField, boolean>>;
  phone: boolean;
}) {
  const { t } = useTranslation(['campaigns', 'standards']);
  const orderRule = (field: TimelineField) => ({
    validator: async () => {
      const raw = form.getFieldValue('timeline') as CampaignFormValues['timeline'] | undefined;
      const ms = Object.fromEntries(TIMELINE_FIELDS.map((f) => [f, raw?.[f]?.valueOf() ?? null]));
      if (timelineProblems(ms).includes(field)) {
        const prev = previousField(field)!;
        const args = { field: t(`timeline.${field}`), prev: t(`timeline.${prev}`) };
        throw new Error(
          field === 'applicationClosesAt' ? t('timeline.mustBeAfter', args) : t('timeline.outOfOrder', args),
        );
      }
    },
  });
  return (
    <Flex gap={phone ? 0 : 16} wrap>
      {TIMELINE_FIELDS.map((f, i) => (
        <Form.Item
          key={f}
          name={['timeline', f]}
          label={`${i + 1}. ${t(`timeline.${f}`)}`}
          dependencies={i > 0 ? [['timeline', TIMELINE_FIELDS[i - 1]!]] : []}
          rules={[{ required: true, message: t('validation.required') }, orderRule(f)]}
          extra={locked?.[f] ? t('timeline.locked') : undefined}
          style={{ width: phone ? '100%' : 300 }}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabled={locked?.[f]}
            style={{ width: '100%' }}
            data-testid={`wizard-date-${f}`}
          />
        </Form.Item>
      ))}
    </Flex>
  );
}

export type { OrgKind };
