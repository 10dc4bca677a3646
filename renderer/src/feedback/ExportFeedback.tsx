import { ActionIcon, Menu, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { client } from '../api/client';
import { errorMessage } from '../api/errors';
import { notifyDone } from '../components/confirm';
import { download } from '../components/download';

export interface FeedbackExportInput {
  what: 'feedback' | 'patterns';
  initiativeId?: string | null;
  teamId?: string | null;
  show?: 'open' | 'done' | 'all';
}

/**
 * The queue or the patterns for the model team, as CSV (spreadsheet-safe: the engine neutralises
 * cells that start like a formula) or JSON, with the screen's filters applied.
 */
export function ExportFeedbackMenu({ input }: { input: FeedbackExportInput }) {
  const [busy, setBusy] = useState(false);
  const noun = input.what === 'patterns' ? 'pattern' : 'feedback item';
  const run = async (format: 'csv' | 'json') => {
    setBusy(true);
    try {
      const file = await client.feedback.export({ ...input, format });
      download(file.fileName, file.mimeType, file.content);
      notifyDone(`Exported ${file.count} ${noun}${file.count === 1 ? '' : 's'} to ${file.fileName}.`);
    } catch (e) {
      notifications.show({ color: 'red', title: 'The export did not work', message: errorMessage(e), autoClose: 12_000 });
    } finally {
      setBusy(false);
    }
  };
  const what = input.what === 'patterns' ? 'the patterns' : 'the feedback shown';
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        {/* An icon: the header also holds the screen's own buttons, and must fit a 1024 px window. */}
        <Tooltip label={`Export ${what} as CSV or JSON`}>
          <ActionIcon variant="default" size={36} aria-label="Export" loading={busy}>
            <IconDownload size={16} />
          </ActionIcon>
        </Tooltip>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Export {what}</Menu.Label>
        <Menu.Item onClick={() => void run('csv')}>CSV (spreadsheet)</Menu.Item>
        <Menu.Item onClick={() => void run('json')}>JSON</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
