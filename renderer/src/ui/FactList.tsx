// Label/value facts about one thing (a certificate, a TLS connection, a message), laid out and styled the same
// everywhere; each value is labelled by its label, so assistive technology (and tests) find it by that name.
import { DataList } from '@mantine/core';
import { useId, type ReactNode } from 'react';

export type Fact = [label: string, value: ReactNode];

interface FactListProps {
  facts: readonly Fact[];
  labelWidth?: string;
  orientation?: 'horizontal' | 'vertical';
}

const styles = { itemLabel: { color: 'var(--mantine-color-text)', fontWeight: 500 }, itemValue: { overflowWrap: 'anywhere' as const } };

export function FactList({ facts, labelWidth = '11rem', orientation }: FactListProps) {
  const idPrefix = useId();
  return (
    <DataList orientation={orientation} labelWidth={labelWidth} size="sm" styles={styles}>
      {facts.map(([label, value], index) => (
        <DataList.Item key={label}>
          <DataList.ItemLabel id={`${idPrefix}-${index}`}>{label}</DataList.ItemLabel>
          <DataList.ItemValue aria-labelledby={`${idPrefix}-${index}`}>{value}</DataList.ItemValue>
        </DataList.Item>
      ))}
    </DataList>
  );
}
