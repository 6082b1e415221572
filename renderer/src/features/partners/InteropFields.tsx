// The interop switches real partners need, each with the one-line reason it exists, so a user can match a
// partner's quirks without reading RFCs first.
import { Fieldset, Select, SimpleGrid, Switch } from '@mantine/core';
import { interopSwitchReasons, type PartnerInterop } from '../../../../shared/ipc';
import { interopLabels } from './partnerWords';

const switchOrder: (keyof PartnerInterop)[] = ['transferEncoding', 'micalgSpelling', 'textPayloads', 'cast5Parameters', 'noHeaderFolding', 'noChunkedEncoding', 'omitAlgorithmProtection'];

export function InteropFields({ value, onChange }: { value: PartnerInterop; onChange(value: PartnerInterop): void }) {
  return (
    <Fieldset legend="Interop switches">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        {switchOrder.map((name) => {
          const { label, options } = interopLabels[name];
          const current = value[name];
          if (typeof current === 'boolean') {
            return (
              <Switch key={name} label={label} description={interopSwitchReasons[name]} checked={current} onChange={(event) => onChange({ ...value, [name]: event.currentTarget.checked })} />
            );
          }
          return (
            <Select
              key={name}
              label={label}
              description={interopSwitchReasons[name]}
              data={options ?? []}
              allowDeselect={false}
              value={current}
              onChange={(chosen) => chosen && onChange({ ...value, [name]: chosen })}
            />
          );
        })}
      </SimpleGrid>
    </Fieldset>
  );
}
