package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/livekit/protocol/livekit"
	lksdk "github.com/livekit/server-sdk-go/v2"
	"github.com/pion/webrtc/v4"
	"github.com/pion/webrtc/v4/pkg/media"
	"github.com/pion/webrtc/v4/pkg/media/ivfreader"
	"github.com/pion/webrtc/v4/pkg/media/oggreader"
)

// The speaker, in a process of its own: publishes media encoded beforehand (by ffmpeg, in the
// bench) in a loop, as LiveKit's own load tester does, so no encoder runs while LiveKit is
// measured and no bandwidth estimate on a busy machine turns the top layer off.
//
//	publish <url> <token> <camera|screen> <dir>
//
// <dir> holds the simulcast layers as <quality>.ivf (low, medium, high; VP8, any of them) and
// audio.ogg (Opus, one packet a page). Answers "published", then runs until stdin closes.

// loop hands out the same samples again and again, each after its duration (the SDK's writer paces them).
type loop struct {
	samples []media.Sample
	next    int
}

func (l *loop) NextSample(context.Context) (media.Sample, error) {
	sample := l.samples[l.next%len(l.samples)]
	l.next++
	return sample, nil
}
func (l *loop) OnBind() error            { return nil }
func (l *loop) OnUnbind() error          { return nil }
func (l *loop) Close() error             { return nil }
func (l *loop) CurrentAudioLevel() uint8 { return 30 }

func readIVF(path string) ([]media.Sample, uint16, uint16, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, 0, 0, err
	}
	defer file.Close()
	reader, header, err := ivfreader.NewWith(file)
	if err != nil {
		return nil, 0, 0, err
	}
	frameDuration := time.Duration(float64(time.Second) * float64(header.TimebaseNumerator) / float64(header.TimebaseDenominator))
	var samples []media.Sample
	for {
		frame, _, err := reader.ParseNextFrame()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, 0, 0, err
		}
		samples = append(samples, media.Sample{Data: frame, Duration: frameDuration})
	}
	return samples, header.Width, header.Height, nil
}

func readOgg(path string) ([]media.Sample, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	reader, _, err := oggreader.NewWith(file)
	if err != nil {
		return nil, err
	}
	var samples []media.Sample
	var lastGranule uint64
	for {
		page, header, err := reader.ParseNextPage()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		// The two header pages (OpusHead, OpusTags) carry no audio.
		if header.GranulePosition == 0 {
			continue
		}
		samples = append(samples, media.Sample{
			Data:     page,
			Duration: time.Duration(header.GranulePosition-lastGranule) * time.Second / 48000,
		})
		lastGranule = header.GranulePosition
	}
	return samples, nil
}

var qualities = map[string]livekit.VideoQuality{
	"low":    livekit.VideoQuality_LOW,
	"medium": livekit.VideoQuality_MEDIUM,
	"high":   livekit.VideoQuality_HIGH,
}

func publish(url, token, scene, dir string) error {
	source, audioSource := livekit.TrackSource_CAMERA, livekit.TrackSource_MICROPHONE
	if scene == "screen" {
		source, audioSource = livekit.TrackSource_SCREEN_SHARE, livekit.TrackSource_SCREEN_SHARE_AUDIO
	}
	room, err := lksdk.ConnectToRoomWithToken(url, token, lksdk.NewRoomCallback(), lksdk.WithAutoSubscribe(false))
	if err != nil {
		return err
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.ivf"))
	sort.Slice(files, func(i, j int) bool { return len(files[i]) < len(files[j]) })
	var tracks []*lksdk.LocalTrack
	var width, height uint16
	for _, file := range files {
		name := filepath.Base(file)
		quality, ok := qualities[name[:len(name)-len(".ivf")]]
		if !ok {
			return fmt.Errorf("%s: not low, medium or high", name)
		}
		samples, w, h, err := readIVF(file)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if w > width {
			width, height = w, h
		}
		track, err := lksdk.NewLocalSampleTrack(
			webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeVP8, ClockRate: 90000},
			lksdk.WithSimulcast(scene, &livekit.VideoLayer{Quality: quality, Width: uint32(w), Height: uint32(h)}),
		)
		if err != nil {
			return err
		}
		if err := track.StartWrite(&loop{samples: samples}, nil); err != nil {
			return err
		}
		tracks = append(tracks, track)
	}
	if _, err := room.LocalParticipant.PublishSimulcastTrack(tracks, &lksdk.TrackPublicationOptions{
		Name: scene, Source: source, VideoWidth: int(width), VideoHeight: int(height),
	}); err != nil {
		return err
	}
	audio, err := readOgg(filepath.Join(dir, "audio.ogg"))
	if err != nil {
		return fmt.Errorf("audio.ogg: %w", err)
	}
	audioTrack, err := lksdk.NewLocalSampleTrack(webrtc.RTPCodecCapability{MimeType: webrtc.MimeTypeOpus, ClockRate: 48000, Channels: 2})
	if err != nil {
		return err
	}
	if err := audioTrack.StartWrite(&loop{samples: audio}, nil); err != nil {
		return err
	}
	if _, err := room.LocalParticipant.PublishTrack(audioTrack, &lksdk.TrackPublicationOptions{Name: "audio", Source: audioSource}); err != nil {
		return err
	}
	fmt.Println("published")
	io.Copy(io.Discard, os.Stdin)
	room.Disconnect()
	return nil
}
