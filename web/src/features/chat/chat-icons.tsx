import { LineIcon } from '../../ui/LineIcon.tsx';

export function MegaphoneIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <path d="M3.5 10v4a1 1 0 0 0 1 1H7l7 4.5v-15L7 9H4.5a1 1 0 0 0-1 1Z" />
      <path d="M7 15l1.5 5h2.5L10 16M17.5 9.5a3.5 3.5 0 0 1 0 5" />
    </LineIcon>
  );
}

export function SendIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <path d="M4 12 20 4l-5 16-3.5-6.5z" />
      <path d="M11.5 13.5 20 4" />
    </LineIcon>
  );
}

export function ArrowDownIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <path d="M12 5v14M6 13l6 6 6-6" />
    </LineIcon>
  );
}
