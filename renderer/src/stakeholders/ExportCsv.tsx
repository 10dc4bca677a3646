import { ActionIcon, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { client } from '../api/client';
import { errorMessage } from '../api/errors';
import { download } from '../components/download';

/** The register as a CSV file (spreadsheet-safe: the engine neutralises cells that start like a formula). */
export function ExportCsvButton() {
  const [busy, setBusy] = useState(false);
  const exportCsv = async () => {
    setBusy(true);
    try {
      const csv = await client.stakeholders.exportCsv({});
      download(csv.fileName, csv.mimeType, csv.content);
      const people = `${csv.rows} ${csv.rows === 1 ? 'stakeholder' : 'stakeholders'}`;
      notifications.show({ color: 'teal', title: 'Stakeholders exported', message: `${csv.fileName}: ${people}`, autoClose: 8000 });
    } catch (e) {
      notifications.show({ color: 'red', title: 'The export did not work', message: errorMessage(e), autoClose: 12_000 });
    } finally {
      setBusy(false);
    }
  };
  return (
    // An icon: the header also holds Show deleted and New stakeholder, and must fit a 1024 px window.
    <Tooltip label="Export the register as CSV">
      <ActionIcon variant="default" size={36} aria-label="Export CSV" loading={busy} onClick={() => void exportCsv()}>
        <IconDownload size={16} />
      </ActionIcon>
    </Tooltip>
  );
}
