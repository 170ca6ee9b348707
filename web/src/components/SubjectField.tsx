import { useState } from 'react';
import { Form, Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../api/auth';
import { useVenues } from '../api/venues';
import { useDebounced } from '../lib/useDebounced';
import { OrgPicker } from './OrgPicker';

/** The labels of the subject field, from the form's own catalogue section. */
export interface SubjectText {
  venue: string;
  venueHint: string;
  venuePlaceholder: string;
  organization: string;
  orgHint: string;
}

/** Active venues in the caller's scope, searched as you type (mounted only for venue tracks). */
function VenueSelect(props: SelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const venues = useVenues({ q: q || undefined, active: 'true', pageSize: 50 });
  return (
    <Select
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={venues.isFetching}
      options={(venues.data?.items ?? []).map((v) => ({
        value: v.id,
        label: `${v.name}（${v.organizationName}）`,
      }))}
    />
  );
}

/**
 * Who an application or a cultivation candidate is about: a venue (`venueId`) on venue tracks, else an
 * organisation (`organizationId`) starting from the user's own. Inside an antd `Form`.
 */
export function SubjectField({
  venueTrack,
  text,
  testIdPrefix,
}: {
  venueTrack: boolean;
  text: SubjectText;
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  const me = useSession();
  const required = [{ required: true, message: t('validation.required') }];
  return venueTrack ? (
    <Form.Item name="venueId" label={text.venue} rules={required} extra={text.venueHint}>
      <VenueSelect placeholder={text.venuePlaceholder} data-testid={`${testIdPrefix}-venue`} />
    </Form.Item>
  ) : (
    <Form.Item name="organizationId" label={text.organization} rules={required} extra={text.orgHint}>
      <OrgPicker
        initial={
          me.scope.organizationId
            ? { id: me.scope.organizationId, name: me.scope.organizationName ?? '' }
            : null
        }
        data-testid={`${testIdPrefix}-org`}
      />
    </Form.Item>
  );
}
