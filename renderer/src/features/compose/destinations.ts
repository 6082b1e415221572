// Where the Send page can send the batch, in the order of its chooser: each destination is one entry here
// with its own panel component (the AS2 Gateway adds its panel the same way).
import type { ComponentType } from 'react';
import { GatewayDestination } from '../as2gateway/GatewayDestination';
import { As2Destination } from './As2Destination';
import type { DestinationPanelProps } from './destinationPanel';
import { FiscalDestination } from './FiscalDestination';
import { PageroDestination } from './PageroDestination';

export interface Destination {
  id: string;
  /** The chooser's label, e.g. "AS2 partner". */
  label: string;
  Panel: ComponentType<DestinationPanelProps>;
}

export const destinations: readonly Destination[] = [
  { id: 'as2', label: 'AS2 partner', Panel: As2Destination },
  { id: 'as2gateway', label: 'AS2 Gateway', Panel: GatewayDestination },
  { id: 'fiscal', label: 'FISCAL', Panel: FiscalDestination },
  { id: 'pagero', label: 'Pagero', Panel: PageroDestination },
];
