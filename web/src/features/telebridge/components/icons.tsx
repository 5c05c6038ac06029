/*
 * Inline icons: machines without an emoji font (many school PCs, headless Chromium) would show
 * empty boxes for ✋ or 🔇.
 */

/** A raised hand. */
export function HandIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 2a1.5 1.5 0 0 1 1.5 1.5V11h1V4.5a1.5 1.5 0 0 1 3 0V12h1V7.5a1.5 1.5 0 0 1 3 0V15a7 7 0 0 1-7 7h-1a7 7 0 0 1-5.6-2.8L3.3 14.6a1.5 1.5 0 0 1 2.3-1.9L8.5 16V5.5a1.5 1.5 0 0 1 3 0V11h-1V3.5A1.5 1.5 0 0 1 12 2Z"
      />
    </svg>
  );
}

/** A crossed-out microphone. */
export function MicOffIcon() {
  return (
    <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 2a3 3 0 0 0-3 3v4.6l6 6V5a3 3 0 0 0-3-3ZM3.7 2.3 2.3 3.7l6.7 6.7V11a3 3 0 0 0 4.5 2.6l1.5 1.5A5 5 0 0 1 7 11H5a7 7 0 0 0 6 6.9V21h2v-3.1a7 7 0 0 0 3.4-1.4l3.9 3.9 1.4-1.4L3.7 2.3ZM19 11h-2c0 .6-.1 1.2-.3 1.7l1.5 1.5c.5-1 .8-2 .8-3.2Z"
      />
    </svg>
  );
}
