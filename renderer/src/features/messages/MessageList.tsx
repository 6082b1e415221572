// One list of messages (Inbox or Outbox) that stays smooth at 100,000 rows: only the rows on screen exist in
// the page, their pages are fetched as they scroll into view, and the keyboard moves the selection (arrows,
// Page Up/Down, Home/End) and opens the selected message (Enter), as the mouse does with a click.
import { Anchor, Text } from '@mantine/core';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { MessageSummary } from '../../../../shared/ipc';
import { useMessageView, type ListFilter, type MessageDirection } from './messageFilters';
import { isListKey, moveSelection, pagesCovering } from './messageWindow';
import { sizeLabel, timeLabel } from './messageWords';
import { useMessageWindow } from './queries';
import { StatusBadge } from './StatusBadge';
import './messages.css';

const ROW_HEIGHT = 40;
const HEADER_HEIGHT = 36;

interface Props {
  direction: MessageDirection;
  filter: ListFilter;
  /** The list's accessible name, e.g. "Inbox messages". */
  label: string;
  /** What to say when the list is empty. */
  emptyText: string;
}

export function messagePath(direction: MessageDirection, id: number): string {
  return `${direction === 'inbound' ? '/inbox' : '/outbox'}/${id}`;
}

function MessageCells({ message, direction }: { message: MessageSummary; direction: MessageDirection }) {
  const title = message.subject || message.fileName || '(no subject)';
  return (
    <>
      <div role="gridcell">
        <time dateTime={message.createdAt}>{timeLabel(message.createdAt)}</time>
      </div>
      <div role="gridcell" title={message.partnerName ?? undefined}>
        {message.partnerName ?? message.partnerId ?? 'Unknown partner'}
      </div>
      <div role="gridcell" title={title}>
        <Anchor component={Link} to={messagePath(direction, message.id)} tabIndex={-1} size="sm">
          {title}
        </Anchor>
      </div>
      <div role="gridcell" title={message.messageId ?? undefined}>
        <Text span size="sm" ff="monospace">
          {message.messageId ?? '—'}
        </Text>
      </div>
      <div role="gridcell">{message.payloadSize === null ? '—' : sizeLabel(message.payloadSize)}</div>
      <div role="gridcell" title={message.statusText ?? undefined}>
        <StatusBadge status={message.status} />
      </div>
    </>
  );
}

export function MessageList({ direction, filter, label, emptyText }: Props) {
  const navigate = useNavigate();
  const rowIdPrefix = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  const selection = useMessageView((state) => state.selection[direction]);
  const select = useMessageView((state) => state.select);
  const [visible, setVisible] = useState({ first: 0, last: 0 });
  const [known, setKnown] = useState<number | null>(null);
  const pages = useMemo(() => pagesCovering(visible.first, visible.last, known), [visible.first, visible.last, known]);
  const rows = useMessageWindow(direction, filter, pages);
  const total = rows.total;
  useEffect(() => setKnown(total), [total]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    paddingStart: HEADER_HEIGHT,
    scrollPaddingStart: HEADER_HEIGHT,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => setVisible((current) => (current.first === first && current.last === last ? current : { first, last })), [first, last]);

  // Rows shift when messages arrive at the top: keep the selection on the message, not the position.
  const current = rows.rowAt(selection.index);
  useEffect(() => {
    if (!current || current.id === selection.id) return;
    const moved = selection.id === null ? null : rows.indexOf(selection.id);
    select(direction, moved === null ? { index: selection.index, id: current.id } : { index: moved, id: selection.id });
    // `rows` is new on every render; the message found at the selected index is what matters.
  }, [current?.id, selection.id, selection.index, direction, select]);

  const rowId = (index: number) => `${rowIdPrefix}-row-${index}`;
  const selectIndex = (index: number) => select(direction, { index, id: rows.rowAt(index)?.id ?? null });
  const open = (index: number) => {
    const row = rows.rowAt(index);
    if (row) navigate(messagePath(direction, row.id));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (total === null || total === 0) return;
    if (isListKey(event.key)) {
      event.preventDefault();
      const rowsPerScreen = Math.floor(((scrollRef.current?.clientHeight ?? ROW_HEIGHT) - HEADER_HEIGHT) / ROW_HEIGHT);
      const next = moveSelection(selection.index, event.key, total, rowsPerScreen);
      selectIndex(next);
      virtualizer.scrollToIndex(next, { align: 'auto' });
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(selection.index);
    }
  };

  const selectedShown = items.some((item) => item.index === selection.index);
  return (
    <>
      <Text size="sm" role="status">
        {total === null
          ? rows.failed
            ? 'The messages could not be loaded.'
            : 'Loading messages…'
          : total === 0
            ? emptyText
            : `${total.toLocaleString('en')} ${total === 1 ? 'message' : 'messages'}. Use the arrow keys to move through the list and Enter to open a message.`}
      </Text>
      <div
        ref={scrollRef}
        className="message-grid"
        role="grid"
        aria-label={label}
        aria-rowcount={(total ?? 0) + 1}
        aria-colcount={6}
        aria-activedescendant={selectedShown ? rowId(selection.index) : undefined}
        tabIndex={0}
        onKeyDown={onKeyDown}
      >
        <div className="message-grid-body" style={{ height: virtualizer.getTotalSize() }}>
          <div role="row" aria-rowindex={1} className="message-row message-header" style={{ height: HEADER_HEIGHT }}>
            <div role="columnheader">{direction === 'inbound' ? 'Received' : 'Sent'}</div>
            <div role="columnheader">Partner</div>
            <div role="columnheader">Subject</div>
            <div role="columnheader">Message-ID</div>
            <div role="columnheader">Size</div>
            <div role="columnheader">Status</div>
          </div>
          {items.map((item) => {
            const message = rows.rowAt(item.index);
            const selected = item.index === selection.index;
            return (
              <div
                key={item.key}
                id={rowId(item.index)}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className="message-row"
                style={{ position: 'absolute', top: 0, left: 0, width: '100%', height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => selectIndex(item.index)}
                onDoubleClick={() => open(item.index)}
              >
                {message ? (
                  <MessageCells message={message} direction={direction} />
                ) : (
                  <div role="gridcell" style={{ gridColumn: '1 / -1' }}>
                    <Text span size="sm" c="dimmed">
                      Loading…
                    </Text>
                  </div>
                )}
              </div>
            );
          })}
        </div>
      </div>
    </>
  );
}
