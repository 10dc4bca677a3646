import { Alert, Button, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconChevronDown,
  IconDownload,
  IconFileTypeCsv,
  IconFileTypeHtml,
  IconFileTypePdf,
  IconFolderOpen,
  IconFolderShare,
  IconJson,
} from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { client } from '../api/client';
import { errorMessage } from '../api/errors';
import { orpc, type UptakeMutationMeta } from '../api/query';
import { useCan } from '../api/workspace';
import { download } from '../components/download';
import { useLocale } from '../locale/locale';

/*
 * The report screen's Export menu: HTML, PDF, CSV and JSON of the slice on screen, and publishing
 * the HTML and JSON into a shared folder for sponsors who do not run the app. In Electron every
 * export goes through a native save dialog (main computes and writes the file; a PDF is printed
 * by Electron). In a browser the files are downloads, and "PDF" opens the HTML report in a new
 * tab to print from there.
 */

export interface ReportSlice {
  initiative: string | null;
  team: string | null;
  from: string | null;
  to: string | null;
}

type Format = 'html' | 'pdf' | 'csv' | 'json';

const LABELS: Record<Format, string> = { html: 'HTML', pdf: 'PDF', csv: 'CSV', json: 'JSON' };

const done = (title: string, message: string) => notifications.show({ color: 'teal', title, message, autoClose: 8000 });
const failed = (title: string, error: unknown) =>
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 12_000 });

export function ExportMenu({ input }: { input: ReportSlice }) {
  const locale = useLocale();
  const canExport = useCan('reports.export');
  const canPublish = useCan('reports.publish');
  const electron = window.api?.host === 'electron' ? window.api : null;
  const [busy, setBusy] = useState<Format | null>(null);
  const [folderDialog, setFolderDialog] = useState(false);
  const target = useQuery({ ...orpc.reports.publishTarget.queryOptions({ input: {} }), enabled: canPublish });
  const publish = useMutation(orpc.reports.publish.mutationOptions({ meta: { inlineErrors: true } satisfies UptakeMutationMeta }));
  const folder = target.data?.folder ?? null;

  if (!canExport) return null;

  const exportAs = async (format: Format) => {
    setBusy(format);
    try {
      if (electron) {
        const result = await electron.reports.save({ format, slice: input, locale });
        if (result.status === 'saved') done(`${LABELS[format]} report saved`, result.path);
        else if (result.status === 'failed') failed(`The ${LABELS[format]} export did not work`, new Error(result.message));
        return;
      }
      const exported = await client.reports.export({ ...input, locale, format: format === 'pdf' ? 'html' : format });
      if (format !== 'pdf') {
        download(exported.fileName, exported.mimeType, exported.content);
        done(`${LABELS[format]} report downloaded`, exported.fileName);
        return;
      }
      // A browser makes the PDF: the report opens in a new tab, ready for Print → Save as PDF.
      const url = URL.createObjectURL(new Blob([exported.content], { type: exported.mimeType }));
      const tab = window.open(url, '_blank');
      setTimeout(() => URL.revokeObjectURL(url), 120_000);
      if (tab) {
        done('Report opened in a new tab', 'To make the PDF, print it there (Ctrl+P or ⌘P) and choose “Save as PDF”.');
      } else {
        download(exported.fileName, exported.mimeType, exported.content);
        done(
          'HTML report downloaded',
          `The browser blocked the new tab, so ${exported.fileName} was downloaded instead: open it and print it to PDF.`,
        );
      }
    } catch (e) {
      failed(`The ${LABELS[format]} export did not work`, e);
    } finally {
      setBusy(null);
    }
  };

  const publishTo = async (chosen: string | undefined) => {
    const result = await publish.mutateAsync({ ...input, locale, ...(chosen ? { folder: chosen } : {}) });
    done('Report published', `${result.files.map((f) => f.name).join(' and ')} written to ${result.folder}`);
    return result;
  };

  const publishNow = () => {
    if (!folder) {
      setFolderDialog(true);
      return;
    }
    publishTo(undefined).catch((e: unknown) => failed('Publishing did not work', e));
  };

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            rightSection={<IconChevronDown size={14} />}
            loading={busy !== null || publish.isPending}
          >
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown data-testid="export-menu">
          <Menu.Label>This report, as filtered</Menu.Label>
          <Menu.Item leftSection={<IconFileTypeHtml size={16} />} onClick={() => exportAs('html')}>
            Export HTML
          </Menu.Item>
          <Menu.Item leftSection={<IconFileTypePdf size={16} />} onClick={() => exportAs('pdf')}>
            Export PDF{electron ? '' : '…'}
          </Menu.Item>
          <Menu.Item leftSection={<IconFileTypeCsv size={16} />} onClick={() => exportAs('csv')}>
            Export CSV
          </Menu.Item>
          <Menu.Item leftSection={<IconJson size={16} />} onClick={() => exportAs('json')}>
            Export JSON
          </Menu.Item>
          {canPublish && (
            <>
              <Menu.Divider />
              <Menu.Item leftSection={<IconFolderShare size={16} />} onClick={publishNow}>
                <Text size="sm">Publish to shared folder…</Text>
                {folder && (
                  <Text size="xs" c="dimmed" maw={260} truncate="start" title={folder}>
                    {folder}
                  </Text>
                )}
              </Menu.Item>
              {folder && (
                <Menu.Item leftSection={<IconFolderOpen size={16} />} onClick={() => setFolderDialog(true)}>
                  Change shared folder…
                </Menu.Item>
              )}
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <PublishDialog
        opened={folderDialog}
        current={folder}
        pending={publish.isPending}
        onClose={() => {
          publish.reset();
          setFolderDialog(false);
        }}
        error={publish.error}
        onPublish={async (chosen) => {
          try {
            await publishTo(chosen);
            setFolderDialog(false);
          } catch {
            // Shown in the dialog (publish.error).
          }
        }}
        browse={electron ? () => electron.dialogs.openFolder({ title: 'Choose the shared folder to publish reports into' }) : null}
      />
    </>
  );
}

function PublishDialog({
  opened,
  current,
  pending,
  error,
  onClose,
  onPublish,
  browse,
}: {
  opened: boolean;
  current: string | null;
  pending: boolean;
  error: unknown;
  onClose: () => void;
  onPublish: (folder: string) => void;
  browse: (() => Promise<string | null>) | null;
}) {
  const [value, setValue] = useState<string | null>(null);
  const folder = value ?? current ?? '';
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (folder.trim() !== '') onPublish(folder.trim());
  };
  return (
    <Modal
      opened={opened}
      onClose={() => {
        setValue(null);
        onClose();
      }}
      title="Publish to a shared folder"
      size="lg"
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          <Text size="sm">
            Uptake writes <strong>uptake-report.html</strong> (opens offline in any browser) and <strong>uptake-report.json</strong> (the
            figures, unrounded) into this folder, for sponsors who do not run the app. Each publish replaces both files; this device
            remembers the folder.
          </Text>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label="Shared folder"
              description="The full path of a folder on this computer or a network share"
              placeholder="/mnt/share/uptake  or  \\server\share\uptake"
              value={folder}
              onChange={(e) => setValue(e.currentTarget.value)}
              style={{ flex: 1 }}
              data-autofocus
              required
            />
            {browse && (
              <Button
                variant="default"
                onClick={async () => {
                  const picked = await browse();
                  if (picked) setValue(picked);
                }}
              >
                Browse…
              </Button>
            )}
          </Group>
          {error !== null && error !== undefined && (
            <Alert color="red" variant="light" title="Not published" data-testid="publish-error">
              {errorMessage(error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending} disabled={folder.trim() === ''} leftSection={<IconFolderShare size={16} />}>
              Publish
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
