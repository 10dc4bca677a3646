import { Box, Modal } from '@mantine/core';
import { useEffect, useRef } from 'react';
import metricsDoc from '../../../docs/metrics.md?raw';
import { Markdown, slugOf } from './Markdown';

/** docs/metrics.md, bundled into the app so the formulas page opens offline, at a section. */
export function DocsModal({ opened, section, onClose }: { opened: boolean; section: string; onClose: () => void }) {
  const viewport = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!opened) return;
    // After the modal has laid out its content.
    const t = setTimeout(() => {
      const target = viewport.current?.querySelector(`#doc-${slugOf(section)}`) as HTMLElement | null;
      if (target && viewport.current) viewport.current.scrollTop = target.offsetTop - 8;
    }, 50);
    return () => clearTimeout(t);
  }, [opened, section]);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title="Adoption signals, formulas and the report (docs/metrics.md)"
      size="min(860px, 94vw)"
      zIndex={400}
    >
      {/* Focusable, so the page can be scrolled from the keyboard. */}
      <Box
        ref={viewport}
        tabIndex={0}
        mah="75vh"
        pr="xs"
        style={{ overflowY: 'auto', overflowX: 'hidden', position: 'relative' }}
        data-testid="docs-view"
        aria-label="docs/metrics.md"
        role="document"
      >
        <Markdown source={metricsDoc} />
      </Box>
    </Modal>
  );
}
