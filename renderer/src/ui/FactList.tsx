// Label/value facts about one thing (a certificate, a TLS connection), laid out and styled the same everywhere.
import { DataList } from '@mantine/core';
import type { ReactNode } from 'react';

export type Fact = [label: string, value: ReactNode];

interface FactListProps {
  facts: readonly Fact[];
  labelWidth?: string;
  orientation?: 'horizontal' | 'vertical';
}

const styles = { itemLabel: { color: 'var(--mantine-color-text)', fontWeight: 500 }, itemValue: { overflowWrap: 'anywhere' as const } };

export function FactList({ facts, labelWidth = '11rem', orientation }: FactListProps) {
  return (
    <DataList orientation={orientation} labelWidth={labelWidth} size="sm" styles={styles}>
      {facts.map(([label, value]) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel>{label}</DataList.ItemLabel>
          <DataList.ItemValue>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
