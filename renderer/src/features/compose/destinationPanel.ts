// What every destination panel on the Send page is given: the files of the batch, with their state.
import type { BatchFile } from './sendBatch';

export interface DestinationPanelProps {
  files: readonly BatchFile[];
}
