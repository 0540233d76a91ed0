/** The console's mark: a small directory tree in a rounded square, drawn inline (no asset). */
export function BrandMark({ size = 24 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <defs>
        <linearGradient id="dsync-mark" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="var(--mantine-color-indigo-5)" />
          <stop offset="1" stopColor="var(--mantine-color-violet-7)" />
        </linearGradient>
      </defs>
      <rect width="24" height="24" rx="6" fill="url(#dsync-mark)" />
      <path
        d="M8 7.5h3.5M8 7.5v9M8 12h5M8 16.5h5"
        stroke="#fff"
        strokeWidth="1.6"
        strokeLinecap="round"
        fill="none"
        opacity="0.95"
      />
      <circle cx="14.5" cy="7.5" r="1.7" fill="#fff" />
      <circle cx="15.5" cy="12" r="1.7" fill="#fff" opacity="0.85" />
      <circle cx="15.5" cy="16.5" r="1.7" fill="#fff" opacity="0.7" />
    </svg>
  );
}
