import { Button, Input, Space } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

interface Props {
  value: string;
  onChange: (v: string) => void;
  /** Enter or the button: search for the trimmed text ('' clears). */
  onSearch: (v: string) => void;
  placeholder: string;
  width: number | string;
  /** Put on the <input> itself (antd's Input.Search puts it on a wrapper). */
  testId?: string;
}

/** A search field with a button; clearing it searches for nothing at once. */
export function SearchBox({ value, onChange, onSearch, placeholder, width, testId }: Props) {
  const { t } = useTranslation();
  return (
    <Space.Compact style={{ width }}>
      <Input
        allowClear
        value={value}
        maxLength={100}
        placeholder={placeholder}
        data-testid={testId}
        onChange={(e) => {
          onChange(e.target.value);
          if (e.target.value === '') onSearch('');
        }}
        onPressEnter={() => onSearch(value.trim())}
      />
      <Button
        type="primary"
        icon={<SearchOutlined />}
        aria-label={t('common.search')}
        onClick={() => onSearch(value.trim())}
      />
    </Space.Compact>
  );
}
