import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ArrowLeftOutlined } from '@ant-design/icons';

/**
 * The way back from a detail page to the page it belongs to (issue #7 §4), above the page's title: an
 * arrow and the parent's name, the same on every detail page.
 */
export function BackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link to={to} data-testid="back-link" style={{ alignSelf: 'flex-start' }}>
      <ArrowLeftOutlined /> {children}
    </Link>
  );
}
