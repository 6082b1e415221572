// The first Tab stop: lets keyboard users jump past the sidebar to the page itself.
import type { MouseEvent } from 'react';

export function SkipLink({ onSkip }: { onSkip(): void }) {
  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    // Focus is moved by hand: following `#content` would put a fragment into the app's URL.
    event.preventDefault();
    onSkip();
  };
  return (
    <a href="#content" className="skip-link" onClick={skip}>
      Skip to content
    </a>
  );
}
