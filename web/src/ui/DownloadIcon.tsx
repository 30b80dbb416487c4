import { LineIcon } from './LineIcon.tsx';

/** An arrow into a tray, beside the words of a download link. */
export function DownloadIcon() {
  return (
    <LineIcon size={18}>
      <path d="M12 4v11M7.5 10.5 12 15l4.5-4.5M5 19h14" />
    </LineIcon>
  );
}
