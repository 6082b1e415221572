// A form that opens below the lists it edits: move keyboard focus and the view to its heading when it opens, so
// keyboard and screen-reader users land where the form is.
import { useEffect, useRef } from 'react';

export function useRevealOnOpen<Element extends HTMLElement>() {
  const ref = useRef<Element>(null);
  useEffect(() => {
    ref.current?.focus();
    ref.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, []);
  return ref;
}
