package main

import (
	"image"
	"image/color"
	"image/png"
	"os"
)

// writePlot draws calls per second over time (blue) against the operator's budget (red) and
// the tenant's whole rate limit (grey) as a PNG: x is time (one pixel column per second,
// scaled to fit), y is calls per second from 0 at the bottom to 1.25 × the limit at the top.
func writePlot(path string, samples []sample, budget, limit float64) error {
	const w, h, pad = 960, 320, 20
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	white := color.RGBA{255, 255, 255, 255}
	for x := range w {
		for y := range h {
			img.Set(x, y, white)
		}
	}
	top := limit * 1.25
	n := max(len(samples), 1)
	px := func(i int) int { return pad + i*(w-2*pad)/n }
	py := func(v float64) int { return h - pad - int(v/top*float64(h-2*pad)) }
	hline := func(v float64, c color.Color) {
		for x := pad; x < w-pad; x++ {
			img.Set(x, py(v), c)
		}
	}
	axis := color.RGBA{0, 0, 0, 255}
	for x := pad; x < w-pad; x++ {
		img.Set(x, h-pad, axis)
	}
	for y := pad; y <= h-pad; y++ {
		img.Set(pad, y, axis)
	}
	hline(limit, color.RGBA{160, 160, 160, 255})
	hline(budget, color.RGBA{220, 40, 40, 255})
	blue := color.RGBA{30, 90, 220, 255}
	for i := 1; i < len(samples); i++ {
		line(img, px(i-1), py(float64(samples[i-1].Calls)), px(i), py(float64(samples[i].Calls)), blue)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	return png.Encode(f, img)
}

// line draws a straight line (Bresenham).
func line(img *image.RGBA, x0, y0, x1, y1 int, c color.Color) {
	dx, dy := abs(x1-x0), -abs(y1-y0)
	sx, sy := sign(x1-x0), sign(y1-y0)
	e := dx + dy
	for {
		img.Set(x0, y0, c)
		img.Set(x0, y0+1, c)
		if x0 == x1 && y0 == y1 {
			return
		}
		e2 := 2 * e
		if e2 >= dy {
			e += dy
			x0 += sx
		}
		if e2 <= dx {
			e += dx
			y0 += sy
		}
	}
}

func abs(v int) int {
	if v < 0 {
		return -v
	}
	return v
}

func sign(v int) int {
	switch {
	case v < 0:
		return -1
	case v > 0:
		return 1
	}
	return 0
}
