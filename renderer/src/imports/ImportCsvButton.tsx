import { ActionIcon, Tooltip } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useCan } from '../api/workspace';
import type { ImportKind } from '../reports/types';

/** A register's way to the Imports screen, opened on its kind (for those who may import). */
export function ImportCsvButton({ kind, what }: { kind: ImportKind; what: string }) {
  if (!useCan('imports.upload')) return null;
  return (
    // An icon beside Export: the header must fit a 1024 px window.
    <Tooltip label={`Import ${what} from a CSV file`}>
      <ActionIcon variant="default" size={36} aria-label="Import CSV" component="a" href={`#/imports/${kind}`}>
        <IconUpload size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
