import { LineIcon } from '../../ui/LineIcon.tsx';

export function HandIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <path d="M8 12V5.5a1.5 1.5 0 0 1 3 0V11m0-6.5v-1a1.5 1.5 0 0 1 3 0V11m0-6a1.5 1.5 0 0 1 3 0v7m0-3.5a1.5 1.5 0 0 1 3 0V15a7 7 0 0 1-7 7h-1.2a6 6 0 0 1-4.8-2.4L3.6 15.3a1.6 1.6 0 0 1 2.4-2.1L8 15" />
    </LineIcon>
  );
}

export function MicrophoneOffIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <path d="M15 9.5V6a3 3 0 0 0-5.7-1.3M9 9v2a3 3 0 0 0 4.6 2.5M18.5 11a6.5 6.5 0 0 1-1 3.4M5.5 11a6.5 6.5 0 0 0 10.2 5.3M12 17.5V21M8.5 21h7" />
      <path d="m3 3 18 18" />
    </LineIcon>
  );
}

export function ScreenShareIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <rect x="2.5" y="4" width="19" height="13" rx="2" />
      <path d="M8 21h8M12 17v4M12 13.5V8m-2.5 2.5L12 8l2.5 2.5" />
    </LineIcon>
  );
}

export function FullscreenIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <path d="M4 9V4h5M15 4h5v5M20 15v5h-5M9 20H4v-5" />
    </LineIcon>
  );
}

export function SoundIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <path d="M4 9.5h3.5L12 5.5v13l-4.5-4H4z" />
      <path d="M15.5 9a4 4 0 0 1 0 6M18 6.5a7.5 7.5 0 0 1 0 11" />
    </LineIcon>
  );
}

export function LeaveIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <path d="M14 4h4.5A1.5 1.5 0 0 1 20 5.5v13a1.5 1.5 0 0 1-1.5 1.5H14M10 16l-4-4 4-4M6 12h10" />
    </LineIcon>
  );
}

export function PeopleIcon(props: { size?: number }) {
  return (
    <LineIcon size={props.size}>
      <circle cx="9" cy="8.5" r="3.5" />
      <path d="M2.5 20a6.5 6.5 0 0 1 13 0M16 5.2a3.5 3.5 0 0 1 0 6.6M18 14.2a6.5 6.5 0 0 1 3.5 5.8" />
    </LineIcon>
  );
}
