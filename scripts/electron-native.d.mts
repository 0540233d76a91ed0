export function electronNativeBinding(root: string): string;
