import { LineIcon } from '../../ui/LineIcon.tsx';

export function UpvoteIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <path d="M12 4.5 5 12h4.5v7.5h5V12H19z" />
    </LineIcon>
  );
}

export function PinIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <path d="M9 3.5h6M10 3.5v6l-3.5 4h11l-3.5-4v-6M12 13.5v7" />
    </LineIcon>
  );
}
