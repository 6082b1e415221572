// Alt+1 … Alt+9 open the pages in sidebar order. Physical digit keys are matched, so the shortcuts work
// on every keyboard layout; they stay out of the way while the user types into a text field.
import { useEffect } from 'react';
import { useNavigate } from 'react-router-dom';
import { pages } from '../navigation/pages';

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number']);

function isTypingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type);
}

export function usePageShortcuts(): void {
  const navigate = useNavigate();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || isTypingInto(event.target)) return;
      const digit = /^(?:Digit|Numpad)(\d)$/.exec(event.code)?.[1];
      const page = pages.find((candidate) => String(candidate.shortcut) === digit);
      if (!page) return;
      event.preventDefault();
      navigate(page.path);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate]);
}
