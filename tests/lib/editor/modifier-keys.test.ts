import { describe, expect, it } from "vitest";
import type { EditorView } from "prosemirror-view";
import { isBareModifierPress, modifierKeys } from "@/lib/editor/modifier-keys";

const key = (init: Partial<KeyboardEvent>) => ({ isComposing: false, keyCode: 0, ...init }) as KeyboardEvent;

describe("bare modifier presses", () => {
  it("recognises Ctrl, Alt, AltGr and Meta pressed alone", () => {
    for (const name of ["Control", "Alt", "AltGraph", "Meta"]) expect(isBareModifierPress(key({ key: name }))).toBe(true);
  });

  it("leaves Shift, shortcuts and every other key to the editor", () => {
    expect(isBareModifierPress(key({ key: "Shift" }))).toBe(false);
    expect(isBareModifierPress(key({ key: "1", ctrlKey: true, altKey: true }))).toBe(false);
    expect(isBareModifierPress(key({ key: "ArrowDown", altKey: true }))).toBe(false);
    expect(isBareModifierPress(key({ key: "a" }))).toBe(false);
  });

  it("leaves key presses during a composition to the editor", () => {
    expect(isBareModifierPress(key({ key: "Control", isComposing: true }))).toBe(false);
    expect(isBareModifierPress(key({ key: "Alt", keyCode: 229 }))).toBe(false);
  });

  it("claims bare modifier presses from ProseMirror without preventing the browser's handling", () => {
    const handler = modifierKeys().props.handleDOMEvents!.keydown!;
    const view = {} as EditorView;
    const control = { ...key({ key: "Control" }), defaultPrevented: false, preventDefault() { this.defaultPrevented = true; } };
    expect(handler.call(modifierKeys(), view, control as unknown as KeyboardEvent)).toBe(true);
    expect(control.defaultPrevented).toBe(false);
    expect(handler.call(modifierKeys(), view, key({ key: "1", ctrlKey: true, altKey: true }))).toBe(false);
  });
});
