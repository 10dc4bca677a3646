import {
  ActionIcon,
  Badge,
  Button,
  type CSSVariablesResolver,
  createTheme,
  Drawer,
  Menu,
  Modal,
  Notification,
  NumberInput,
  Select,
  Table,
  TagsInput,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';

/** A dialog's or drawer's title: one size and weight everywhere. */
const DIALOG_TITLE = { fontWeight: 600, fontSize: 'var(--mantine-font-size-md)' } as const;

/** Calm and dense: small type, neutral greys, one accent (indigo). */
export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 5 },
  fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace',
  fontSizes: { xs: '12px', sm: '13px', md: '14px', lg: '16px', xl: '18px' },
  lineHeights: { xs: '1.4', sm: '1.45', md: '1.5', lg: '1.5', xl: '1.4' },
  headings: {
    fontWeight: '600',
    sizes: {
      h1: { fontSize: '18px', lineHeight: '1.3' },
      h2: { fontSize: '14px', lineHeight: '1.4' },
      h3: { fontSize: '13px', lineHeight: '1.4' },
    },
  },
  defaultRadius: 'sm',
  cursorType: 'pointer',
  focusRing: 'auto',
  components: {
    Button: Button.extend({ defaultProps: { size: 'sm' } }),
    ActionIcon: ActionIcon.extend({ defaultProps: { variant: 'subtle', color: 'gray' } }),
    TextInput: TextInput.extend({ defaultProps: { size: 'sm' } }),
    Textarea: Textarea.extend({ defaultProps: { size: 'sm' } }),
    NumberInput: NumberInput.extend({ defaultProps: { size: 'sm' } }),
    // A chosen value longer than its box ("Customer Service › Contact Centre Leeds") ends with an
    // ellipsis, not cut mid-letter at the arrow.
    Select: Select.extend({ defaultProps: { size: 'sm', allowDeselect: false }, styles: { input: { textOverflow: 'ellipsis' } } }),
    TagsInput: TagsInput.extend({ defaultProps: { size: 'sm' } }),
    Badge: Badge.extend({
      defaultProps: { radius: 'sm', tt: 'none', fw: 500 },
      // Mantine's badge text is 9-11px; a desktop tool needs 11-12px to stay legible.
      vars: (_theme, props) => ({ root: { '--badge-fz': props.size === 'xs' ? '10.5px' : props.size === 'sm' ? '11.5px' : '12px' } }),
    }),
    Table: Table.extend({ defaultProps: { fz: 'sm', verticalSpacing: 6, horizontalSpacing: 'sm' } }),
    Modal: Modal.extend({
      defaultProps: {
        centered: true,
        radius: 'md',
        overlayProps: { backgroundOpacity: 0.35 },
        closeButtonProps: { 'aria-label': 'Close' },
      },
      styles: { title: DIALOG_TITLE },
    }),
    Drawer: Drawer.extend({
      defaultProps: { position: 'right', overlayProps: { backgroundOpacity: 0.2 }, closeButtonProps: { 'aria-label': 'Close' } },
      // A drawer's title (History, a feedback item, a formula) reads as a dialog's does; a long one
      // wraps onto a second line beside the close button rather than being cut.
      styles: { title: { ...DIALOG_TITLE, lineHeight: 1.4, minWidth: 0, overflowWrap: 'anywhere' } },
    }),
    Notification: Notification.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Dismiss' } } }),
    Menu: Menu.extend({ defaultProps: { shadow: 'md', position: 'bottom-end', withinPortal: true, withInitialFocusPlaceholder: false } }),
    Tooltip: Tooltip.extend({ defaultProps: { openDelay: 400, fz: 'xs' } }),
  },
});

const COLORS = ['gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue', 'cyan', 'green', 'teal', 'lime', 'yellow', 'orange'];
const LIGHT_PALE = new Set(['lime', 'yellow', 'orange']);

/**
 * Mantine's default greys and "light" badge texts are too faint for small text (WCAG AA):
 * darken them so every label reads at 12px.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    ...Object.fromEntries(
      COLORS.map((c) => [
        `--mantine-color-${c}-light-color`,
        `color-mix(in srgb, var(--mantine-color-${c}-9), black ${LIGHT_PALE.has(c) ? 35 : 20}%)`,
      ]),
    ),
    '--mantine-color-dimmed': '#5c636e',
    '--mantine-color-placeholder': '#8a919b',
    '--mantine-color-error': '#c92a2a',
    '--mantine-color-body': '#ffffff',
  },
  dark: {},
});
