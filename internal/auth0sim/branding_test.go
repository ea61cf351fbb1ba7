package auth0sim

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"testing"

	"github.com/google/go-cmp/cmp"

	management "github.com/auth0/go-auth0/v3/management"
)

// A theme body as Terraform sends it (TestAccBrandingTheme).
const themeJSON = `{"borders":{"button_border_radius":3,"button_border_weight":1,"buttons_style":"rounded","input_border_radius":3,"input_border_weight":1,"inputs_style":"rounded","show_widget_shadow":true,"widget_border_weight":0,"widget_corner_radius":5},"colors":{"base_focus_color":"#635dff","base_hover_color":"#000000","body_text":"#1e212a","captcha_widget_theme":"auto","error":"#d03c38","header":"#1e212a","icons":"#65676e","input_background":"#ffffff","input_border":"#c9cace","input_filled_text":"#000000","input_labels_placeholders":"#65676e","links_focused_components":"#635dff","primary_button":"#635dff","primary_button_label":"#ffffff","secondary_button_border":"#c9cace","secondary_button_label":"#1e212a","success":"#13a688","widget_background":"#ffffff","widget_border":"#c9cace"},"fonts":{"body_text":{"bold":false,"size":87.5},"buttons_text":{"bold":false,"size":100},"font_url":"","input_labels":{"bold":false,"size":100},"links":{"bold":true,"size":87.5},"links_style":"normal","reference_text_size":16,"subtitle":{"bold":false,"size":87.5},"title":{"bold":false,"size":150}},"page_background":{"background_color":"#000000","background_image_url":"","page_layout":"center"},"widget":{"header_text_alignment":"center","logo_height":52,"logo_position":"center","logo_url":"","social_buttons_layout":"bottom"}}`

func TestBrandingSettingsWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	b, err := m.Branding.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if b.Colors.GetPrimary() != "#635dff" {
		t.Errorf("default primary color = %q", b.Colors.GetPrimary())
	}
	upd, err := m.Branding.Update(ctx, &management.UpdateBrandingRequestContent{LogoURL: ptr("https://x/logo.png"),
		Font: &management.UpdateBrandingFont{URL: ptr("https://x/font.ttf")}})
	if err != nil {
		t.Fatal(err)
	}
	if upd.GetLogoURL() != "https://x/logo.png" || upd.Colors.GetPrimary() != "#635dff" {
		t.Errorf("after patch: logo %q primary %q", upd.GetLogoURL(), upd.Colors.GetPrimary())
	}
	// {"font": null} removes the font (TestAccBranding).
	tok := sim.MintToken("read:branding", "update:branding", "delete:branding", "create:branding")
	_, _, body := rawCall(t, sim, "PATCH", "/api/v2/branding", tok, map[string]any{"font": nil})
	if _, has := body.(map[string]any)["font"]; has {
		t.Errorf("font not removed: %v", body)
	}
	if code, _, body := rawCall(t, sim, "PATCH", "/api/v2/branding", tok, map[string]any{"logo": "x"}); code != 400 {
		t.Errorf("unknown field: %d %v", code, body)
	}
}

func TestUniversalLoginTemplateWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	_, err := m.Branding.Templates.GetUniversalLogin(ctx)
	if d := cmp.Diff(map[string]any{"statusCode": 404.0, "error": "Not Found", "message": "Template does not exist.",
		"errorCode": "inexistent_templates_universal_login"}, errorBody(t, err)); statusOf(err) != 404 || d != "" {
		t.Errorf("unset template (-want +got):\n%s", d)
	}
	const page = `<!DOCTYPE html><html><head>{%- auth0:head -%}</head><body>{%- auth0:widget -%}</body></html>`
	err = m.Branding.Templates.UpdateUniversalLogin(ctx, &management.UpdateUniversalLoginTemplateRequestContent{
		UpdateUniversalLoginTemplateRequestContentTemplate: &management.UpdateUniversalLoginTemplateRequestContentTemplate{Template: page}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.Branding.Templates.GetUniversalLogin(ctx)
	if err != nil || got.GetGetUniversalLoginTemplate().GetBody() != page {
		t.Errorf("template = %+v, %v", got, err)
	}
	tok := sim.MintToken("read:branding", "update:branding", "delete:branding")
	// go-auth0 v1 sends the template as a bare JSON string; a second PUT replaces (204).
	if code, _, _ := rawCall(t, sim, "PUT", "/api/v2/branding/templates/universal-login", tok, page+"<!-- v2 -->"); code != http.StatusNoContent {
		t.Errorf("replace: %d, want 204", code)
	}
	_, _, body := rawCall(t, sim, "GET", "/api/v2/branding/templates/universal-login", tok, nil)
	if body.(map[string]any)["body"] != page+"<!-- v2 -->" {
		t.Errorf("after replace: %v", body)
	}
	if err := m.Branding.Templates.DeleteUniversalLogin(ctx); err != nil {
		t.Fatal(err)
	}
	if err := m.Branding.Templates.DeleteUniversalLogin(ctx); err != nil {
		t.Errorf("second delete: %v, want 204 as on Auth0", err)
	}
	if _, err := m.Branding.Templates.GetUniversalLogin(ctx); statusOf(err) != 404 {
		t.Errorf("after delete: %v", err)
	}
}

func TestBrandingThemesWithSDK(t *testing.T) {
	ctx := context.Background()
	sim := NewServer(t, Options{})
	m := newMgmt(t, sim)
	if _, err := m.Branding.Themes.GetDefault(ctx); statusOf(err) != 404 || errorBody(t, err)["errorCode"] != "theme_not_found" {
		t.Errorf("no default theme: %v", err)
	}
	var req management.CreateBrandingThemeRequestContent
	if err := json.Unmarshal([]byte(themeJSON), &req); err != nil {
		t.Fatal(err)
	}
	th, err := m.Branding.Themes.Create(ctx, &req)
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`^[A-Za-z0-9]{32}$`).MatchString(th.GetThemeID()) {
		t.Errorf("themeId %q", th.GetThemeID())
	}
	if _, err := m.Branding.Themes.Create(ctx, &req); statusOf(err) != 409 {
		t.Errorf("second theme: %v, want 409", err)
	}
	def, err := m.Branding.Themes.GetDefault(ctx)
	if err != nil || def.GetThemeID() != th.GetThemeID() {
		t.Errorf("default = %v, %v", def, err)
	}
	var upd management.UpdateBrandingThemeRequestContent
	if err := json.Unmarshal([]byte(themeJSON), &upd); err != nil {
		t.Fatal(err)
	}
	upd.DisplayName = ptr("My branding")
	after, err := m.Branding.Themes.Update(ctx, th.GetThemeID(), &upd)
	if err != nil || after.GetDisplayName() != "My branding" {
		t.Errorf("update: %v %v", after, err)
	}
	tok := sim.MintToken("read:branding", "update:branding")
	code, _, body := rawCall(t, sim, "PATCH", "/api/v2/branding/themes/"+th.GetThemeID(), tok, map[string]any{"displayName": "x"})
	if code != 400 || body.(map[string]any)["message"] != "Payload validation error: 'Missing required property: borders'." {
		t.Errorf("partial theme: %d %v", code, body)
	}
	code, _, body = rawCall(t, sim, "GET", "/api/v2/branding/themes/default-ish", tok, nil)
	if code != 400 {
		t.Errorf("bad theme id: %d %v", code, body)
	}
	if err := m.Branding.Themes.Delete(ctx, th.GetThemeID()); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Branding.Themes.Get(ctx, th.GetThemeID()); statusOf(err) != 404 {
		t.Errorf("get deleted theme: %v", err)
	}
}

func TestBotDetectionNeedsTheEntitlement(t *testing.T) {
	sim := NewServer(t, Options{})
	tok := fetchToken(t, sim)
	if code, _, _ := rawCall(t, sim, "GET", "/api/v2/attack-protection/captcha", tok, nil); code != 200 {
		t.Fatalf("captcha on a new tenant: %d", code)
	}
	if code, _, _ := rawCall(t, sim, "POST", "/_sim/entitlements", "", map[string]any{"botDetection": false}); code != 204 {
		t.Fatalf("POST /_sim/entitlements: %d", code)
	}
	want := map[string]any{"statusCode": 403.0, "error": "Forbidden", "message": "Please upgrade your subscription to use bot detection", "errorCode": "insufficient_entitlement"}
	for _, c := range []struct{ method, path string }{{"GET", "bot-detection"}, {"PATCH", "bot-detection"}, {"GET", "captcha"}, {"PATCH", "captcha"}} {
		code, _, body := rawCall(t, sim, c.method, "/api/v2/attack-protection/"+c.path, tok, map[string]any{})
		if code != 403 || fmt.Sprint(body) != fmt.Sprint(want) {
			t.Errorf("%s %s without the entitlement: %d %v", c.method, c.path, code, body)
		}
	}
	if code, _, _ := rawCall(t, sim, "GET", "/api/v2/attack-protection/brute-force-protection", tok, nil); code != 200 {
		t.Errorf("brute-force protection needs no entitlement: %d", code)
	}
}
