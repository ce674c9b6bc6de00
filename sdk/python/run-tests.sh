#!/usr/bin/env bash
echo "python sdk: not yet"
