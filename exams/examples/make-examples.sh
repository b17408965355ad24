#!/usr/bin/env bash
# Draws the example pictures that exams/*.toml show beside each material category ("上传示例").
# They are schematic on purpose: shapes and Latin labels only (no real person, no real ID
# number, no Chinese font needed), so they can be regenerated anywhere ImageMagick 6 or 7 is
# installed with the DejaVu fonts (Debian: apt-get install imagemagick fonts-dejavu-core). Run from anywhere:
#     bash exams/examples/make-examples.sh
# Every picture is a JPEG of quality 80, at most about 60 KB, with no metadata but its density:
# document scans say 200 DPI (seed 004's minimum), ID photos 300 DPI, ID-card photos 96 DPI.
# The output is byte-for-byte the same on every run with the same ImageMagick.
set -euo pipefail
cd "$(dirname "$0")"

if command -v magick >/dev/null 2>&1; then IM=(magick); else IM=(convert); fi
"${IM[@]}" -version >/dev/null 2>&1 || { echo "ImageMagick is needed (apt-get install imagemagick)" >&2; exit 1; }

SANS=DejaVu-Sans
BOLD=DejaVu-Sans-Bold
MONO=DejaVu-Sans-Mono
INK='#3a4450'
FAINT='#9aa5b1'
SEAL='#d0312d'

# save OUTPUT DPI: reads a picture on stdin (MIFF), writes the small stripped JPEG.
save() {
    "${IM[@]}" miff:- -strip -units PixelsPerInch -density "$2" -sampling-factor 4:2:0 \
        -interlace none -quality 80 "$1"
}

# The diagonal "SAMPLE" mark every example carries, so no one mistakes it for a real document.
sample_mark() {
    A+=(-gravity center -font "$BOLD" -pointsize 64 -fill 'rgba(208,49,45,0.13)' -annotate -28x-28+0+0 SAMPLE -gravity northwest)
}

# text lines as grey bars: bars X Y WIDTH COUNT STEP
bars() {
    local x=$1 y=$2 w=$3 n=$4 step=$5 i out=""
    for ((i = 0; i < n; i++)); do
        local len=$(( w - (i * 37 % 5) * w / 12 ))
        out+="rectangle $x,$((y + i * step)) $((x + len)),$((y + i * step + 7)) "
    done
    printf '%s' "$out"
}

# A red round seal centred at CX,CY with radius R.
seal() {
    local cx=$1 cy=$2 r=$3
    A+=(-fill none -stroke "$SEAL" -strokewidth 4 -draw "circle $cx,$cy $((cx + r)),$cy" \
        -strokewidth 2 -draw "circle $cx,$cy $((cx + r - 8)),$cy" \
        -fill "$SEAL" -stroke none -draw "polygon $cx,$((cy - 16)) $((cx + 5)),$((cy - 5)) $((cx + 16)),$((cy - 5)) $((cx + 7)),$((cy + 3)) $((cx + 10)),$((cy + 15)) $cx,$((cy + 8)) $((cx - 10)),$((cy + 15)) $((cx - 7)),$((cy + 3)) $((cx - 16)),$((cy - 5)) $((cx - 5)),$((cy - 5))")
}

# A head-and-shoulders silhouette: person CX TOP SCALE(percent) COLOUR BOTTOM
person() {
    local cx=$1 top=$2 s=$3 c=$4 bottom=$5
    local hr=$((95 * s / 100)) hv=$((118 * s / 100)) w=$((170 * s / 100)) r=$((80 * s / 100))
    local hy=$((top + hv)) st=$((top + 2 * hv + 12 * s / 100))
    A+=(-fill "$c" -stroke none \
        -draw "path 'M $((cx - w)),$bottom L $((cx - w)),$((st + r)) Q $((cx - w)),$st $((cx - w + r)),$st L $((cx + w - r)),$st Q $((cx + w)),$st $((cx + w)),$((st + r)) L $((cx + w)),$bottom Z'" \
        -draw "rectangle $((cx - 36 * s / 100)),$((hy + hv - 30 * s / 100)) $((cx + 36 * s / 100)),$((st + 5))" \
        -draw "ellipse $cx,$hy $hr,$hv 0,360")
}

# A portrait with a face: portrait CX TOP CLOTHES HAIR BOTTOM (full size, for 480-wide pictures)
portrait() {
    local cx=$1 top=$2 clothes=$3 hair=$4 bottom=$5
    A+=(-stroke none -fill "$clothes"
        -draw "path 'M $((cx - 170)),$bottom L $((cx - 170)),$((top + 340)) Q $((cx - 170)),$((top + 262)) $((cx - 90)),$((top + 262)) L $((cx + 90)),$((top + 262)) Q $((cx + 170)),$((top + 262)) $((cx + 170)),$((top + 340)) L $((cx + 170)),$bottom Z'"
        -fill '#e3cdb5' -draw "rectangle $((cx - 34)),$((top + 190)) $((cx + 34)),$((top + 275))"
        -draw "path 'M $((cx - 34)),$((top + 262)) Q $cx,$((top + 300)) $((cx + 34)),$((top + 262)) Z'"
        -fill "$hair" -draw "ellipse $cx,$((top + 70)) 94,72 0,360"
        -fill '#edd9c4' -draw "ellipse $cx,$((top + 132)) 80,104 0,360"
        -fill "$hair" -draw "ellipse $cx,$((top + 44)) 84,34 180,360")
}

# render OUTPUT DPI: draws what A holds, adds the SAMPLE mark, writes the JPEG.
render() {
    sample_mark
    "${IM[@]}" "${A[@]}" miff:- | save "$1" "$2"
}

# ---- ID card, front (photo side) -------------------------------------------------------------
A=(-size 600x380 xc:'#e9edf1'
    -fill '#f4f8fc' -stroke '#7c8c9c' -strokewidth 2 -draw "roundrectangle 30,30 570,350 18,18"
    -fill '#dce8f3' -stroke none -draw "roundrectangle 32,32 568,70 16,16"
    -font "$SANS" -pointsize 15 -fill "$INK"
    -annotate +60+120 'Name' -annotate +60+160 'Sex' -annotate +200+160 'Ethnic group'
    -annotate +60+200 'Born' -annotate +60+240 'Address' -annotate +60+318 'ID number'
    -fill "$FAINT" -draw "$(bars 140 110 200 1 0) $(bars 100 150 60 1 0) $(bars 310 150 60 1 0) $(bars 140 190 220 1 0) $(bars 140 230 230 3 18)"
    -font "$MONO" -pointsize 20 -fill "$INK" -annotate +180+320 'XXXXXX XXXXXXXX XXXX'
    -fill '#ffffff' -stroke '#b9c4cf' -strokewidth 1 -draw "rectangle 410,95 540,265")
person 475 118 36 '#6b7785' 265
A+=(-fill "$INK" -stroke none -font "$BOLD" -pointsize 16 -annotate +45+58 'ID CARD  -  FRONT (photo side)')
render id-card-front.jpg 96

# ---- ID card, back (emblem side) -------------------------------------------------------------
A=(-size 600x380 xc:'#e9edf1'
    -fill '#f4f8fc' -stroke '#7c8c9c' -strokewidth 2 -draw "roundrectangle 30,30 570,350 18,18")
seal 115 130 58
A+=(-font "$BOLD" -pointsize 18 -fill "$INK" -stroke none
    -annotate +195+120 "PEOPLE'S REPUBLIC OF CHINA" -pointsize 22 -annotate +195+158 'RESIDENT IDENTITY CARD'
    -font "$SANS" -pointsize 15 -annotate +80+270 'Issued by' -annotate +80+310 'Valid'
    -fill "$FAINT" -draw "$(bars 200 260 220 1 0)"
    -font "$MONO" -pointsize 17 -fill "$INK" -annotate +200+311 '2020.01.01 - 2040.01.01'
    -font "$BOLD" -pointsize 16 -annotate +45+58 'ID CARD  -  BACK (emblem side)')
render id-card-back.jpg 96

# ---- Holding the ID card below the face --------------------------------------------------------
A=(-size 480x640 xc:'#f1f1ee')
portrait 240 70 '#4f5b68' '#2b2b2b' 640
A+=(-fill '#f4f8fc' -stroke '#7c8c9c' -strokewidth 2 -draw "roundrectangle 135,420 345,550 10,10"
    -fill '#ffffff' -stroke '#b9c4cf' -strokewidth 1 -draw "rectangle 285,440 330,500"
    -fill "$FAINT" -stroke none -draw "$(bars 150 445 115 4 18)"
    -fill '#e3cdb5' -draw "ellipse 130,520 26,40 0,360" -draw "ellipse 350,520 26,40 0,360"
    -fill '#ffffff' -draw "roundrectangle 60,582 420,618 8,8"
    -font "$BOLD" -pointsize 17 -fill "$INK" -annotate +86+607 'Face and card both readable')
render id-card-in-hand.jpg 96

# ---- ID photo on white (seed 004) and on blue (seed 002), 3:4 ----------------------------------
id_photo() { # id_photo OUTPUT BACKGROUND CLOTHES-AND-HAIR
    A=(-size 480x640 xc:"$2")
    portrait 240 120 "$3" '#2b2b2b' 640
    render "$1" 300
}
id_photo id-photo-white.jpg '#ffffff' '#5d6670'
id_photo id-photo-blue.jpg '#438edb' '#2f3a46'

# ---- Certificates: diploma and degree (landscape) ----------------------------------------------
certificate() { # certificate OUTPUT TITLE FRAME-COLOUR
    A=(-size 640x450 xc:'#fbf7ec'
        -fill none -stroke "$3" -strokewidth 6 -draw "rectangle 14,14 626,436"
        -strokewidth 1 -draw "rectangle 26,26 614,424"
        -fill '#ffffff' -stroke '#b9c4cf' -draw "rectangle 60,110 170,250")
    person 115 125 30 '#8792a0' 250
    A+=(-stroke none -font "$BOLD" -pointsize 30 -fill "$INK" -gravity north -annotate +0+48 "$2" -gravity northwest
        -fill "$FAINT" -draw "$(bars 200 120 380 6 24)"
        -font "$SANS" -pointsize 15 -fill "$INK" -annotate +60+300 'Certificate No.'
        -font "$MONO" -pointsize 18 -annotate +200+301 '10001 2020 0500 1234'
        -fill none -stroke "$SEAL" -strokewidth 2 -draw "rectangle 194,281 421,309"
        -stroke none -fill "$FAINT" -draw "$(bars 60 350 200 2 22)")
    seal 500 360 50
    render "$1" 200
}
certificate diploma.jpg 'GRADUATION DIPLOMA' '#9b7b3c'
certificate degree-certificate.jpg 'DEGREE CERTIFICATE' '#3c6e9b'

# ---- A4 pages, portrait -------------------------------------------------------------------------
page() { # starts A with a white sheet on a grey table
    A=(-size 480x640 xc:'#d9dde2' -fill '#ffffff' -stroke '#aab4be' -strokewidth 1
        -draw "rectangle 30,16 450,624" -stroke none)
}

# 户口簿 resident page: a ruled table
grid=""
for ((r = 0; r <= 12; r++)); do grid+="line 60,$((120 + r * 36)) 420,$((120 + r * 36)) "; done
grid+="line 60,120 60,552 line 170,120 170,552 line 290,120 290,552 line 420,120 420,552"
page
A+=(-font "$BOLD" -pointsize 19 -fill "$INK" -gravity north -annotate +0+45 'HOUSEHOLD REGISTER'
    -font "$SANS" -pointsize 13 -annotate +0+78 'Resident page - one page per picture' -gravity northwest
    -fill none -stroke "$INK" -draw "$grid" -stroke none -fill "$FAINT"
    -draw "$(bars 70 134 80 12 36) $(bars 180 134 90 12 36) $(bars 300 134 95 12 36)")
seal 360 575 32
render household-register.jpg 200

# 个人履历: a résumé table, periods running on month after month
page
A+=(-font "$BOLD" -pointsize 20 -fill "$INK" -gravity north -annotate +0+50 'PERSONAL RESUME' -gravity northwest
    -font "$SANS" -pointsize 13 -annotate +62+130 'From - To' -annotate +190+130 'Employer' -annotate +340+130 'Post'
    -fill none -stroke "$INK" -draw "rectangle 55,110 425,500 line 55,140 425,140 line 180,110 180,500 line 330,110 330,500"
    -stroke none -fill "$INK" -font "$MONO" -pointsize 12
    -annotate +62+165 '2015.07-2017.03' -annotate +62+205 '2017.04-2020.12' -annotate +62+245 '2021.01-now'
    -fill "$FAINT" -draw "$(bars 190 157 120 3 40) $(bars 340 157 70 3 40) $(bars 60 530 220 2 20)"
    -fill "$INK" -font "$SANS" -pointsize 13 -annotate +290+595 'Signature / date')
render resume-page.jpg 200

# 证明 letter under the issuing unit's seal (grassroots work, probation assessment, other proof)
page
A+=(-font "$BOLD" -pointsize 24 -fill "$INK" -gravity north -annotate +0+60 'CERTIFICATE' -gravity northwest
    -fill "$FAINT" -draw "$(bars 70 140 340 10 26)"
    -fill "$INK" -font "$SANS" -pointsize 13 -annotate +270+470 'Issuing unit (seal)' -annotate +290+570 '2026-10-20')
seal 335 510 52
render letter-with-seal.jpg 200

# 任职文件: first page of a red-header document, then its signature page
page
A+=(-font "$BOLD" -pointsize 21 -fill "$SEAL" -gravity north -annotate +0+50 'XX COUNTY PARTY COMMITTEE'
    -font "$SANS" -pointsize 13 -fill "$INK" -annotate +0+92 'Doc. No. XX [2023] 12'
    -fill "$SEAL" -draw "rectangle 60,118 420,121"
    -fill "$INK" -font "$BOLD" -pointsize 17 -annotate +0+140 'NOTICE OF APPOINTMENT' -gravity northwest
    -fill "$FAINT" -draw "$(bars 70 200 340 13 26)"
    -fill none -stroke '#2f7d32' -strokewidth 2 -draw "rectangle 64,351 300,367"
    -stroke none -fill '#2f7d32' -font "$SANS" -pointsize 12 -annotate +306+364 '<- your name')
render document-first-page.jpg 200
page
A+=(-fill "$FAINT" -draw "$(bars 70 70 340 9 26)"
    -fill "$INK" -font "$SANS" -pointsize 14 -annotate +265+420 'Issuing office' -annotate +275+475 '2023-03-15')
seal 330 440 58
A+=(-fill "$INK" -font "$SANS" -pointsize 12 -gravity south -annotate +0+40 'Last page: signature and seal' -gravity northwest)
render document-last-page.jpg 200

# 证书 booklet, opened: cover side and content side (title and medical certificates)
A=(-size 640x450 xc:'#d9dde2'
    -fill '#8c2a2a' -draw "roundrectangle 20,30 318,420 8,8" -fill '#f7f3e8' -draw "roundrectangle 322,30 620,420 8,8"
    -fill '#e0c47a' -font "$BOLD" -pointsize 20 -annotate +94+260 'CERTIFICATE'
    -fill none -stroke '#e0c47a' -strokewidth 3 -draw "circle 169,160 169,110" -stroke none
    -fill '#ffffff' -stroke '#b9c4cf' -draw "rectangle 345,60 435,180" -stroke none)
person 390 74 25 '#8792a0' 180
A+=(-fill "$FAINT" -draw "$(bars 450 70 140 5 24) $(bars 345 215 245 5 26)"
    -fill "$INK" -font "$SANS" -pointsize 12 -annotate +345+372 'No.' -font "$MONO" -annotate +372+372 'XXXXXXXXXXXX'
    -font "$SANS" -fill '#ffffff' -annotate +112+400 'first page' -fill "$INK" -annotate +440+405 'content page')
seal 560 355 34
render certificate-booklet.jpg 200

# 学信网 online verification report, with its QR code (a fixed pattern, drawn the same each run)
qr="" lcg=7
for ((y = 0; y < 21; y++)); do
    for ((x = 0; x < 21; x++)); do
        lcg=$(( (lcg * 1103515245 + 12345) % 2147483648 ))
        dark=$(( (lcg >> 16) % 2 ))
        for corner in 0,0 14,0 0,14; do
            cx0=${corner%,*} cy0=${corner#*,}
            if (( x >= cx0 && x < cx0 + 7 && y >= cy0 && y < cy0 + 7 )); then
                dx=$((x - cx0)) dy=$((y - cy0))
                dark=$(( dx == 0 || dx == 6 || dy == 0 || dy == 6 || (dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4) ))
            fi
        done
        (( dark )) && qr+="rectangle $((320 + x * 5)),$((480 + y * 5)) $((324 + x * 5)),$((484 + y * 5)) "
    done
done
page
A+=(-font "$BOLD" -pointsize 18 -fill "$INK" -gravity north -annotate +0+50 'ONLINE VERIFICATION REPORT'
    -font "$SANS" -pointsize 12 -annotate +0+78 'Record of a higher-education qualification' -gravity northwest
    -fill none -stroke "$INK" -draw "rectangle 60,110 420,430 line 170,110 170,430" -stroke none
    -fill "$FAINT" -draw "$(bars 70 124 80 10 32) $(bars 185 124 215 10 32)"
    -fill "$INK" -font "$SANS" -pointsize 12 -annotate +60+480 'Online check code' -font "$MONO" -annotate +60+500 'XXXXXXXXXXXXXXXX'
    -font "$SANS" -annotate +60+540 'Valid for 180 days' -annotate +290+598 'QR code must be readable'
    -fill '#000000' -draw "$qr")
render verification-report.jpg 200

ls -l ./*.jpg
