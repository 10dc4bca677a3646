import { DataList } from '@mantine/core';
import type { ReactNode } from 'react';

/** One labelled value in a DataList (Settings' facts about the workspace, the device and sync). */
export function DataRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel c="dimmed">{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}
