// Instance-wide settings shared by every process (app_settings): the demo flag and the like.

// biome-ignore lint/suspicious/noEmptyInterface: filled as the use cases that read settings move onto the store
export interface SettingsRepository {}
