// @ts-check
// The webcam: opened once when the kiosk starts and kept open all day, so a
// capture never waits for the camera to wake up.

/** @returns {Promise<{ stream: MediaStream } | { error: string }>} */
export async function openCamera() {
  if (!navigator.mediaDevices?.getUserMedia) {
    return { error: 'This browser cannot use the camera here. Open the kiosk over HTTPS (or on this computer at http://localhost) in a current Chrome, Edge or Firefox.' };
  }
  try {
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 1280 }, height: { ideal: 720 } }, audio: false });
    return { stream };
  } catch (error) {
    const name = error && error.name;
    if (name === 'NotAllowedError' || name === 'SecurityError') {
      return { error: 'The camera is blocked for this page. Allow the camera in the browser’s site settings (the camera icon in the address bar), then reload.' };
    }
    if (name === 'NotFoundError' || name === 'OverconstrainedError') {
      return { error: 'No camera found. Connect a webcam, then reload this page.' };
    }
    if (name === 'NotReadableError') {
      return { error: 'The camera is in use by another program. Close it, then reload this page.' };
    }
    return { error: 'The camera could not be started. Check it is connected, then reload this page.' };
  }
}

/**
 * The current video frame as a JPEG (quality 0.85), at most 1280×720.
 * @param {HTMLVideoElement} video
 * @returns {Promise<{ bytes: ArrayBuffer, url: string }>}
 */
export async function captureFrame(video) {
  const scale = Math.min(1, 1280 / (video.videoWidth || 1280), 720 / (video.videoHeight || 720));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round((video.videoWidth || 640) * scale);
  canvas.height = Math.round((video.videoHeight || 480) * scale);
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve, reject) =>
    canvas.toBlob((result) => (result ? resolve(result) : reject(new Error('The frame could not be encoded.'))), 'image/jpeg', 0.85),
  );
  return { bytes: await blob.arrayBuffer(), url: URL.createObjectURL(blob) };
}
