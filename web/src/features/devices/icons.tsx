import { LineIcon } from '../../ui/LineIcon.tsx';

export function CameraIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <rect x="2.5" y="6" width="13" height="12" rx="2.5" />
      <path d="m15.5 10.5 6-3.5v10l-6-3.5" />
    </LineIcon>
  );
}

export function MicrophoneIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <rect x="9" y="3" width="6" height="11" rx="3" />
      <path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M8.5 21h7" />
    </LineIcon>
  );
}

export function CameraOffIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <path d="M10 6h3a2.5 2.5 0 0 1 2.5 2.5v2l6-3.5v10l-3-1.75M15.5 15.5A2.5 2.5 0 0 1 13 18H5a2.5 2.5 0 0 1-2.5-2.5v-7A2.5 2.5 0 0 1 5 6" />
      <path d="m3 3 18 18" />
    </LineIcon>
  );
}
